/**
 * Large writes of the embedded store on a worker thread. Each article is written in one SQLite
 * transaction, and a page of 5,000 short paragraphs makes one article of 5,000 passages: about
 * 90 ms of one stretch on an idle machine and 300 ms on a loaded one. For a server that stretch
 * is `/health` and every search waiting. A batch of OFF_THREAD_PASSAGES or more is written on
 * the worker's own connection to the same database (WAL lets this thread's readers go on) and
 * the change comes back; smaller ones are written here, where they cost less than the hand-off.
 * Writes stay one at a time: the index's write lock admits one writer, and it awaits each.
 */
import type { Worker } from 'node:worker_threads';
import { callWorker, spawnWorker, type WireError } from '../../worker-thread.js';
import type { ArticleWrite, StoreChange } from '../chunk-store.js';
import type { SqliteStore } from './sqlite-store.js';

/** Passages in a batch from which it is written on the worker (about 20 ms of SQLite work here). */
export const OFF_THREAD_PASSAGES = 1000;

export interface ToWriteWorker {
  id: number;
  writes: readonly ArticleWrite[];
}
export type FromWriteWorker =
  | { id: number; change: StoreChange; error?: undefined }
  | { id: number; error: WireError; change?: undefined };

let written = 0;
/** Batches written on a worker thread so far, in this process (for tests). */
export const batchesWrittenOffThread = () => written;

/** `store`, with large batches written on a worker thread. */
export function withOffThreadWrites(store: SqliteStore, threshold = OFF_THREAD_PASSAGES): SqliteStore {
  let worker: Worker | undefined;
  let nextId = 0;

  const onWorker = async (writes: readonly ArticleWrite[]): Promise<StoreChange> => {
    worker ??= spawnWorker(import.meta.url, 'write-worker', { dir: store.dir });
    const w = worker;
    // A write under way keeps the process up; an idle worker does not.
    const { change } = await callWorker<FromWriteWorker, ToWriteWorker>(
      w,
      { id: nextId++, writes } satisfies ToWriteWorker,
      {
        name: 'the index writer thread',
        settled: () => {
          if (worker === w) w.unref();
        },
        lost: () => {
          if (worker === w) worker = undefined;
        },
      },
    );
    written++;
    return change as StoreChange;
  };

  return {
    ...store,
    replaceArticles: (writes) =>
      writes.reduce((n, w) => n + w.passages.length, 0) >= threshold
        ? onWorker(writes)
        : store.replaceArticles(writes),
    close: async () => {
      const w = worker;
      worker = undefined;
      await w?.terminate();
      await store.close();
    },
  };
}
