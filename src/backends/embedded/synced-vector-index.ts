/**
 * The embedded VectorIndex: an in-memory AnnIndex (HNSW, or exact search) kept in step with
 * the SQLite store, which is the truth. The one owner of that derived state.
 *
 * - On first use the saved graph is loaded if its lineage is proven: same database identity,
 *   and its generation's commit token is in the database's history. Then only what changed
 *   since is applied (catch-up costs what changed). Otherwise it is rebuilt from stored
 *   embeddings: a replaced database or a lost WAL can never leave stale vectors behind.
 * - Writers apply each committed change and save once per write (`flush`); readers never write.
 *   A write is applied by catching up from the store, never from the change alone: another
 *   process (the CLI beside a server, `watch` or `follow`) may have committed since this one
 *   last looked, and a graph saved under the newest lineage must hold its passages too.
 * - A loaded graph whose size, once caught up, is not the store's passage count is rebuilt:
 *   its lineage claims more than it holds (a graph saved by an older writer that skipped
 *   another process's commits).
 * - When deleted labels pile up, the graph is rebuilt before saving (compaction).
 */
import { statSync } from 'node:fs';
import { serialQueue } from '../../serial.js';
import { inSlices } from '../../slices.js';
import type { SearchFilters, StoreChange } from '../index.js';
import type { VectorHit, VectorIndex } from '../vector-index.js';
import type { AnnIndex } from './ann-index.js';
import type { EmbeddingSource, StoredEmbedding } from './embedding-source.js';
import { createExactIndex } from './exact-index.js';
import { createHnswIndex, type HnswIndex, loadHnswIndex } from './hnsw-index.js';

/** Rebuild the graph when deleted labels exceed this share of live ones. */
export const COMPACT_DELETED_RATIO = 0.25;

export interface SyncedVectorIndexOptions {
  source: EmbeddingSource;
  /** `hnsw` (saved beside the database at `path`) or `exact` (in memory, brute force). @default "hnsw" */
  kind?: 'hnsw' | 'exact';
  /** Where the HNSW graph is saved. */
  path: string;
  log?: (line: string) => void;
  /** Housekeeping worth a line only when asked for (compaction). */
  debug?: ((line: string) => void) | undefined;
}

interface State {
  ann: AnnIndex;
  generation: number;
  token: string | undefined;
}

function isHnsw(ann: AnnIndex): ann is HnswIndex {
  return 'save' in ann;
}

/** Add every embedding in slices (an HNSW add costs about 0.3 ms; 5,000 of them took 1.6 s in one stretch). */
const addInSlices = (ann: AnnIndex, items: Iterable<StoredEmbedding>): Promise<void> =>
  inSlices(items, ({ id, embedding }) => ann.add(id, embedding));

export function createSyncedVectorIndex(options: SyncedVectorIndexOptions): VectorIndex {
  const { source, path } = options;
  const kind = options.kind ?? 'hnsw';
  const log = options.log ?? (() => {});
  const debug = options.debug ?? (() => {});
  let state: State | undefined;
  let dirty = false;

  const empty = (dimension: number, capacity: number): AnnIndex =>
    kind === 'exact' ? createExactIndex(dimension) : createHnswIndex({ dimension }, capacity);

  const rebuild = async (dimension: number): Promise<State> => {
    const generation = source.generation();
    dirty = true; // the saved graph (if any) is not this one: the next writer saves it
    const ann = empty(dimension, Math.max(1024, Math.ceil(source.passageCount() * 1.25)));
    await addInSlices(ann, source.allEmbeddings());
    return { ann, generation, token: source.commitToken(generation) };
  };

  const catchUp = async (s: State): Promise<void> => {
    // The generation is read first: a writer in the same process (the server's, beside its
    // search workers) may commit while the changes are read and applied. What it commits then
    // is read again next time; applying a change twice is harmless (add replaces, remove of
    // an absent id does nothing), skipping one is not.
    const target = source.generation();
    const { removed, added } = source.changesSince(s.generation);
    for (const id of removed) s.ann.remove(id);
    await addInSlices(s.ann, added);
    s.generation = target;
    s.token = source.commitToken(target);
  };

  /** `fresh`: passages the caller has just written; a missing graph of only those is a new index, not news. */
  const open = async (dimension: number, fresh = 0): Promise<State> => {
    if (kind === 'exact') return rebuild(dimension);
    const outcome = loadHnswIndex(path, { dimension });
    if (outcome.status === 'loaded') {
      const { lineage } = outcome;
      const proven =
        lineage.identity === source.identity() && source.commitToken(lineage.generation) === lineage.token;
      if (proven) {
        const s: State = { ann: outcome.index, generation: lineage.generation, token: lineage.token };
        if (lineage.generation !== source.generation()) await catchUp(s);
        const stored = source.passageCount();
        if (s.ann.size() === stored) return s;
        log(
          `the saved HNSW graph holds ${s.ann.size()} passages, the database ${stored}: rebuilding it from stored embeddings`,
        );
        return rebuild(dimension);
      }
      log('the saved HNSW graph was built from another database state: rebuilding it from stored embeddings');
    } else if (source.passageCount() > fresh || outcome.status !== 'missing') {
      log(`${outcome.reason}: rebuilding the HNSW index from ${source.passageCount()} stored embeddings`);
    }
    return rebuild(dimension);
  };

  /** The index as of the store's latest commit, or undefined while the store has no manifest. */
  const current = async (): Promise<State | undefined> => {
    if (!state) {
      const dimension = source.dimension();
      if (dimension === undefined) return undefined;
      state = await open(dimension);
    } else if (state.generation !== source.generation()) {
      // Another process (or request) committed. Its lineage decides: catch up, or rebuild.
      const proven = source.commitToken(state.generation) === state.token;
      if (proven) await catchUp(state);
      else state = await rebuild(state.ann.dimension);
    }
    return state;
  };

  // Graph work is done in slices that yield to the event loop (a server's HTTP thread stays
  // live while a 5,000-passage article is added), so one piece of it runs at a time: a search
  // waits for a catch-up under way instead of reading, or adding to, a half-updated graph.
  const exclusive = serialQueue();

  return {
    search(vector: Float32Array, k: number, filters?: SearchFilters): Promise<VectorHit[]> {
      return exclusive(async () => {
        const s = await current();
        if (!s) return [];
        const allowed = source.allowedPassageIds(filters);
        if (allowed && allowed.size === 0) return [];
        return s.ann.search(vector, k, allowed);
      });
    },
    applyWrite(change: StoreChange): Promise<void> {
      // The change is committed, so catching up on every commit since the graph's generation
      // applies it together with whatever other processes committed before it: applying the
      // change alone and taking its generation would claim their passages without holding them.
      return exclusive(async () => {
        const dimension = source.dimension();
        if (!state && dimension !== undefined && change.removedPassageIds.length === 0)
          state = await open(dimension, change.added.length);
        if (await current()) dirty = true;
      });
    },
    flush(): Promise<void> {
      return exclusive(async () => {
        const s = await current();
        if (!s || !dirty || !isHnsw(s.ann)) return;
        if (s.ann.deletedCount() > Math.max(64, s.ann.size() * COMPACT_DELETED_RATIO)) {
          debug(
            `compacting the HNSW index (${s.ann.deletedCount()} deleted of ${s.ann.size() + s.ann.deletedCount()})`,
          );
          state = await rebuild(s.ann.dimension);
        }
        const saved = state as State;
        if (isHnsw(saved.ann) && saved.token !== undefined) {
          await saved.ann.save(path, {
            identity: source.identity(),
            generation: saved.generation,
            token: saved.token,
          });
        }
        dirty = false;
      });
    },
    async sizeBytes(): Promise<number> {
      try {
        return statSync(path).size;
      } catch {
        return 0;
      }
    },
    close(): Promise<void> {
      return exclusive(async () => {
        state = undefined;
      });
    },
  };
}
