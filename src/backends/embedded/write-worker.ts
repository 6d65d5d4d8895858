/**
 * The worker side of off-thread-writes.ts: its own connection to the index's database, on
 * which a large batch of articles is written (one transaction per article, as on the calling
 * thread), so the thread that answers HTTP is not held for the length of the write.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { errorToWire } from '../../worker-thread.js';
import type { FromWriteWorker, ToWriteWorker } from './off-thread-writes.js';
import { createSqliteStore } from './sqlite-store.js';

const port = parentPort;
if (!port) throw new Error('write-worker.ts runs only as a worker thread.');

const store = createSqliteStore({ dir: (workerData as { dir: string }).dir, mustExist: true });

port.on('message', async ({ id, writes }: ToWriteWorker) => {
  let message: FromWriteWorker;
  try {
    message = { id, change: await store.replaceArticles(writes) };
  } catch (error) {
    message = { id, error: errorToWire(error) };
  }
  port.postMessage(message);
});
