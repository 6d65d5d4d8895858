/** A backend: the three parts the engine is built from besides the embedder. */
import type { ChunkStore, IndexMaintenance } from './chunk-store.js';
import type { VectorIndex } from './vector-index.js';

export interface Backend {
  store: ChunkStore;
  vectorIndex: VectorIndex;
  maintenance: IndexMaintenance;
}
