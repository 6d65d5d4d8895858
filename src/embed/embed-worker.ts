/**
 * The worker side of the worker embedder: loads the model on its own thread and answers
 * embedding requests. ONNX Runtime's forward pass is synchronous on the calling thread, so here
 * it holds this thread, not the one that answers HTTP requests.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createRunningWork, errorToWire } from '../worker-thread.js';
import type { Embedder } from './embedder.js';
import { createTransformersEmbedder, type TransformersEmbedderOptions } from './transformers-embedder.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('embed-worker.ts runs only as a worker thread.');

const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const failure = (error: unknown) => errorToWire(error, 'MODEL_NOT_AVAILABLE');
const buffers = (vectors: readonly Float32Array[]) => vectors.map((v) => v.buffer as ArrayBuffer);

let embedder: Embedder | undefined;
try {
  const options = workerData as Omit<TransformersEmbedderOptions, 'log'>;
  embedder = await createTransformersEmbedder({ ...options, log: (line) => send({ kind: 'log', line }) });
  send({ kind: 'ready', info: embedder.info });
} catch (error) {
  send({ kind: 'failed', error: failure(error) });
}

/** Embeddings under way: disposing the session under a running forward pass aborts the process. */
const running = createRunningWork();
let disposing = false;

port.on('message', (message: ToWorker) => {
  const model = embedder;
  if (!model) return;
  if (message.kind === 'dispose') {
    disposing = true;
    running.closeAfter(
      () => model.dispose(),
      () => {
        send({ kind: 'disposed' });
        port.close();
      },
    );
    return;
  }
  const { id } = message;
  if (disposing) {
    send({ kind: 'error', id, error: { code: 'NOT_READY', message: 'The model is being closed.' } });
    return;
  }
  const work =
    message.kind === 'passages'
      ? model.embedPassages(message.texts, message.tokenIds).then(({ vectors, truncated }) => {
          send({ kind: 'passages', id, vectors, truncated }, buffers(vectors));
        })
      : model.embedQuery(message.text).then((vector) => {
          send({ kind: 'query', id, vector }, buffers([vector]));
        });
  running.add(work.catch((error: unknown) => send({ kind: 'error', id, error: failure(error) })));
});
