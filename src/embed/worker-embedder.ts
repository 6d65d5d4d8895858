/**
 * An Embedder whose model runs on a worker thread. ONNX Runtime's forward pass is synchronous
 * on the thread that calls it (onnxruntime-node only defers it with setImmediate), so a server
 * embedding a 1,000-article write on its own thread cannot answer /health for seconds. Here
 * the thread that serves requests keeps only the tokenizer, for the synchronous token counts
 * of the chunker and the query-length check; the forward passes (and the tokenizing and
 * pooling around them) run on the worker, which also gives a second core to the model.
 */
import { SearchError } from '../errors.js';
import { errorFromWire, spawnWorker } from '../worker-thread.js';
import type { Embedder, ModelInfo, PassageEmbeddings } from './embedder.js';
import { createTransformersTokenCounter, type TransformersEmbedderOptions } from './transformers-embedder.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

export async function createWorkerEmbedder(options: TransformersEmbedderOptions): Promise<Embedder> {
  const { log, ...cloneable } = options;
  const worker = spawnWorker(import.meta.url, 'embed-worker', cloneable);
  const pending = new Map<number, { resolve: (m: FromWorker) => void; reject: (e: unknown) => void }>();
  let nextId = 1;
  let dead: SearchError | undefined;

  const info = await new Promise<ModelInfo>((resolve, reject) => {
    worker.on('message', (m: FromWorker) => {
      if (m.kind === 'log') log?.(m.line);
      else if (m.kind === 'ready') resolve(m.info);
      else if (m.kind === 'failed') {
        reject(errorFromWire(m.error));
        // A worker without a model would idle on, holding its memory and the process open.
        void worker.terminate();
      } else if (m.kind === 'passages' || m.kind === 'query' || m.kind === 'error') {
        const waiter = pending.get(m.id);
        pending.delete(m.id);
        // An idle worker must not keep a finished CLI process alive.
        if (pending.size === 0) worker.unref();
        if (m.kind === 'error') waiter?.reject(errorFromWire(m.error));
        else waiter?.resolve(m);
      }
    });
    const die = (why: string) => {
      dead = new SearchError(
        'MODEL_NOT_AVAILABLE',
        `The embedding worker stopped (${why}); restart semsearch. If it happens again, run with --log-level debug and report it.`,
      );
      reject(dead);
      for (const waiter of pending.values()) waiter.reject(dead);
      pending.clear();
    };
    worker.on('error', (error) => die(error.message));
    worker.on('exit', (code) => die(`exit code ${code}`));
  });
  worker.unref();
  // Not while the worker converts the default model: both would write the same cache.
  const counter = await createTransformersTokenCounter({ ...cloneable, log });

  const ask = (message: ToWorker & { id: number }) =>
    new Promise<FromWorker>((resolve, reject) => {
      if (dead) {
        reject(dead);
        return;
      }
      pending.set(message.id, { resolve, reject });
      worker.ref();
      worker.postMessage(message);
    });

  return {
    info,
    countTokens: (text) => counter.countTokens(text),
    // The same tokenizer as the worker's model, whose embedPassages decides whether it can use them.
    tokenIds: counter.tokenIds?.bind(counter),
    async embedPassages(texts, tokenIds): Promise<PassageEmbeddings> {
      const m = await ask({ kind: 'passages', id: nextId++, texts, tokenIds });
      if (m.kind !== 'passages') throw new Error(`embedding worker answered ${m.kind}`);
      return { vectors: m.vectors, truncated: m.truncated };
    },
    async embedQuery(text) {
      const m = await ask({ kind: 'query', id: nextId++, text });
      if (m.kind !== 'query') throw new Error(`embedding worker answered ${m.kind}`);
      return m.vector;
    },
    async dispose() {
      if (dead) return;
      const disposed = new Promise<void>((resolve) => {
        worker.on('message', (m: FromWorker) => m.kind === 'disposed' && resolve());
        worker.once('exit', () => resolve());
      });
      worker.ref(); // until it has stopped: whoever awaits dispose() must not be cut short
      worker.postMessage({ kind: 'dispose' } satisfies ToWorker);
      await disposed;
      await worker.terminate();
    },
  };
}
