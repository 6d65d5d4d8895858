/**
 * The worker side of page-reader.ts: reads HTML pages (Readability on linkedom, or the parse5
 * walk) on its own thread, one at a time, so a deep or huge page holds this thread and not the
 * one that answers HTTP requests.
 */
import { parentPort } from 'node:worker_threads';
import { errorToWire } from '../worker-thread.js';
import type { FromPageWorker, ToPageWorker } from './page-reader.js';
import { extractPage } from './readability.js';

const port = parentPort;
if (!port) throw new Error('page-worker.ts runs only as a worker thread.');

port.on('message', ({ id, html }: ToPageWorker) => {
  let message: FromPageWorker;
  try {
    message = { id, page: extractPage(html) };
  } catch (error) {
    message = { id, error: errorToWire(error) };
  }
  port.postMessage(message);
});
