/**
 * The embedded backend: SQLite (the truth) with an HNSW graph derived from it beside the
 * database, in one index folder. The default, and what every other backend is measured against.
 */

export { DATABASE_FILE } from '../../index-files.js';
export { type AnnIndex, checkDimension } from './ann-index.js';
export { type EmbeddedBackendOptions, HNSW_FILE, openEmbeddedBackend } from './embedded.js';
export type { EmbeddingSource, StoredEmbedding } from './embedding-source.js';
export { createExactIndex } from './exact-index.js';
export { buildFtsQuery, FTS_MAX_TERMS, queryTerms } from './fts-query.js';
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
export { batchesWrittenOffThread, OFF_THREAD_PASSAGES, withOffThreadWrites } from './off-thread-writes.js';
export { FILTER_ARTICLE_IDS_MAX, FILTER_METADATA_MAX_KEYS } from './sqlite-filters.js';
export { createSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
export {
  COMPACT_DELETED_RATIO,
  createSyncedVectorIndex,
  type SyncedVectorIndexOptions,
} from './synced-vector-index.js';
export { acquireWriteLock, LOCK_FILE } from './write-lock.js';
