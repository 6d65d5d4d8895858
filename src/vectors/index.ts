/** Vector stage: nearest-neighbour indexes over passage embeddings (derived from the store). */
export { createExactIndex } from './exact-index.js';
export {
  createHnswIndex,
  HNSW_EF_CONSTRUCTION,
  HNSW_EF_SEARCH,
  HNSW_M,
  type HnswIndex,
  type HnswOptions,
  type LoadOutcome,
  loadHnswIndex,
  removeHnswFiles,
} from './hnsw-index.js';
export { checkDimension, type VectorHit, type VectorIndex } from './vector-index.js';
