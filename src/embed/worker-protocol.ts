/** Messages between the worker embedder and its thread (structured-cloned; vectors transferred). */
import type { WireError } from '../worker-thread.js';
import type { ModelInfo } from './embedder.js';

export type ToWorker =
  | {
      kind: 'passages';
      id: number;
      texts: readonly string[];
      tokenIds?: ReadonlyArray<readonly number[] | undefined> | undefined;
    }
  | { kind: 'query'; id: number; text: string }
  | { kind: 'dispose' };

export type FromWorker =
  | { kind: 'ready'; info: ModelInfo }
  | { kind: 'failed'; error: WireError }
  | { kind: 'log'; line: string }
  | { kind: 'passages'; id: number; vectors: Float32Array[]; truncated: number }
  | { kind: 'query'; id: number; vector: Float32Array }
  | { kind: 'error'; id: number; error: WireError }
  | { kind: 'disposed' };
