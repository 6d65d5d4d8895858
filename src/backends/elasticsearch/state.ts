/**
 * The namespace's one state document: manifest, generation and the next passage id. Without
 * scripting (the test distribution has no Painless), counters advance by compare-and-set on
 * the document's sequence number; a conflicting writer retries from the new value.
 */
import type { IndexManifest } from '../chunk-store.js';
import { type Client, isNotFound, isVersionConflict } from './client.js';

export const STATE_DOC = 'state';
/** Compare-and-set attempts before a write gives up. */
const CAS_ATTEMPTS = 8;

export interface StateDoc {
  manifest: IndexManifest | null;
  generation: number;
  nextPassageId: number;
  /** ES_MAPPING_VERSION of the indices' mappings; absent in namespaces from before version 2. */
  mappingVersion?: number;
}

const EMPTY: StateDoc = { manifest: null, generation: 0, nextPassageId: 1 };

export async function readState(client: Client, index: string): Promise<StateDoc | undefined> {
  try {
    const doc = await client.get<StateDoc>({ index, id: STATE_DOC, realtime: true });
    return doc.found ? { ...EMPTY, ...doc._source } : undefined;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Apply `change` to the state atomically; returns the state before and after. */
export async function updateState(
  client: Client,
  index: string,
  change: (state: StateDoc) => StateDoc,
): Promise<{ before: StateDoc; after: StateDoc }> {
  for (let attempt = 1; ; attempt++) {
    let before: StateDoc = EMPTY;
    let guard: { if_seq_no: number; if_primary_term: number } | { op_type: 'create' } = { op_type: 'create' };
    try {
      const doc = await client.get<StateDoc>({ index, id: STATE_DOC, realtime: true });
      if (doc.found && doc._seq_no !== undefined && doc._primary_term !== undefined) {
        before = { ...EMPTY, ...doc._source };
        guard = { if_seq_no: doc._seq_no, if_primary_term: doc._primary_term };
      }
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    const after = change(before);
    try {
      await client.index({ index, id: STATE_DOC, document: after, ...guard });
      return { before, after };
    } catch (error) {
      if (!isVersionConflict(error) || attempt >= CAS_ATTEMPTS) throw error;
    }
  }
}
