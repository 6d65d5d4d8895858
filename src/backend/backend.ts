/** A backend: the three parts the engine is built from besides the embedder. */
import type { ChunkStore, IndexMaintenance } from '../store/index.js';
import type { VectorIndex } from '../vectors/index.js';

export interface Backend {
  store: ChunkStore;
  vectorIndex: VectorIndex;
  maintenance: IndexMaintenance;
}
