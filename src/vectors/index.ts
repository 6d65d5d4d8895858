/** Vector stage: nearest-neighbour search over passage embeddings (derived from the store). */
export type { EmbeddingSource, StoredEmbedding } from './embedding-source.js';
export { createExactIndex } from './exact-index.js';
export {
  createHnswIndex,
  type GraphLineage,
  HNSW_EF_CONSTRUCTION,
  HNSW_EF_SEARCH,
  HNSW_M,
  type HnswIndex,
  type HnswOptions,
  type LoadOutcome,
  loadHnswIndex,
  removeHnswFiles,
} from './hnsw-index.js';
export {
  COMPACT_DELETED_RATIO,
  createSyncedVectorIndex,
  type SyncedVectorIndexOptions,
} from './synced-vector-index.js';
export { type AnnIndex, checkDimension, type VectorHit, type VectorIndex } from './vector-index.js';
