/** Bulk requests in bounded chunks, with each item's outcome kept in request order. */
import { type Client, ES_BULK_TIMEOUT_MS } from './client.js';

/** Documents per bulk request: with 384-dimension vectors about 4 MB of JSON. */
export const BULK_MAX_DOCS = 500;

export type BulkAction =
  | { op: 'index'; index: string; id: string; doc: Record<string, unknown> }
  /** Merge `doc` into a stored document (an array field is replaced whole). */
  | { op: 'update'; index: string; id: string; doc: Record<string, unknown> }
  | { op: 'delete'; index: string; id: string };

/** The error of each action, or undefined where it succeeded (a delete of nothing succeeds). */
export async function runBulk(
  client: Client,
  actions: readonly BulkAction[],
): Promise<Array<string | undefined>> {
  const outcome: Array<string | undefined> = [];
  for (let from = 0; from < actions.length; from += BULK_MAX_DOCS) {
    const chunk = actions.slice(from, from + BULK_MAX_DOCS);
    const operations: unknown[] = [];
    for (const a of chunk) {
      if (a.op === 'index') operations.push({ index: { _index: a.index, _id: a.id } }, a.doc);
      else if (a.op === 'update') operations.push({ update: { _index: a.index, _id: a.id } }, { doc: a.doc });
      else operations.push({ delete: { _index: a.index, _id: a.id } });
    }
    // Ids are explicit, so the client's retry of a whole request on another node is safe.
    const response = await client.bulk(
      { operations, timeout: '60s' },
      { requestTimeout: ES_BULK_TIMEOUT_MS },
    );
    for (const item of response.items) {
      const result = item.index ?? item.update ?? item.delete;
      const notFoundDelete = item.delete !== undefined && item.delete.status === 404;
      outcome.push(
        result?.error && !notFoundDelete ? `${result.error.type}: ${result.error.reason ?? ''}` : undefined,
      );
    }
  }
  return outcome;
}
