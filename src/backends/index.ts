/**
 * Backends: where articles, passages and vectors live. This folder holds the contracts every
 * backend fulfils; `embedded/` (SQLite + HNSW, the default) and `elasticsearch/` implement them.
 */
export type { Backend } from './backend.js';
export * from './chunk-store.js';
export type { EmbeddingSource, StoredEmbedding } from './embedding-source.js';
export { type AnnIndex, checkDimension, type VectorHit, type VectorIndex } from './vector-index.js';
