/**
 * One thread of the search pool: its own engine on the same index, opened as a reader (it
 * never writes; what the server's writes commit reaches it through the store's catch-up, as
 * for another process). Its searches run here from the embedding to the result cards, so a
 * busy search load leaves the server's own thread free for /health and the HTTP work.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ResolvedConfig } from '../../config.js';
import { createSearchEngine, type SearchEngine } from '../../index.js';
import { createRunningWork, errorToWire } from '../../worker-thread.js';
import type { FromSearchWorker, ToSearchWorker } from './search-worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('search-worker.ts runs only as a worker thread.');

const send = (message: FromSearchWorker) => port.postMessage(message);

let engine: SearchEngine | undefined;
try {
  engine = await createSearchEngine({
    resolved: workerData as ResolvedConfig,
    mustExist: true,
    // The server's own engine brings statements up to date when it opens the index.
    refreshStatements: false,
    log: (line) => send({ kind: 'log', line }),
  });
  send({ kind: 'opened' });
} catch (error) {
  send({ kind: 'failed', error: errorToWire(error) });
}

/** Searches under way: the engine is closed only after them. */
const running = createRunningWork();

port.on('message', (message: ToSearchWorker) => {
  const open = engine;
  if (!open) return;
  if (message.kind === 'close') {
    running.closeAfter(
      () => open.close(),
      () => {
        send({ kind: 'closed' });
        port.close();
      },
    );
    return;
  }
  const { id } = message;
  // Warming up loads the model and the vector index (a first search does both).
  const work =
    message.kind === 'warm'
      ? open.warmUp().then(() => open.search({ query: 'warm up', k: 1 }))
      : message.kind === 'results'
        ? open.results(message.request)
        : open.search(message.request);
  running.add(
    work.then(
      (answer) => send({ kind: 'answer', id, answer }),
      (error: unknown) => send({ kind: 'error', id, error: errorToWire(error) }),
    ),
  );
});
