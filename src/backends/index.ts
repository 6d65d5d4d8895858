/**
 * Backends: where articles, passages and vectors live. This folder holds the contracts every
 * backend fulfils; `embedded/` (SQLite + HNSW, the default) and `elasticsearch/` implement them.
 */

export * from './archive.js';
export type { Backend } from './backend.js';
export * from './chunk-store.js';
export type { VectorHit, VectorIndex } from './vector-index.js';
