/**
 * The engine's context: the parts an operation works on (store, vector index, maintenance,
 * embedder) and the resolved configuration. Operations are plain functions over it.
 */

import type { ChunkStore, IndexMaintenance, VectorIndex } from '../backends/index.js';
import type { SemsearchConfig } from '../config.js';
import type { Embedder } from '../embed/index.js';

export interface EngineContext {
  readonly config: Readonly<SemsearchConfig>;
  readonly store: ChunkStore;
  readonly vectorIndex: VectorIndex;
  readonly maintenance: IndexMaintenance;
  /** The embedder, loaded on first use and checked against the index's manifest. */
  embedder(): Promise<Embedder>;
  /** Whether the embedder has loaded. */
  embedderLoaded(): boolean;
  log(line: string): void;
}
