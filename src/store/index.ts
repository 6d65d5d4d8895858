/** Store stage: the source of truth for articles, passages and embeddings. */
export * from './chunk-store.js';
export { buildFtsQuery, FTS_MAX_TERMS, queryTerms } from './fts-query.js';
export { FILTER_ARTICLE_IDS_MAX, FILTER_METADATA_MAX_KEYS } from './sqlite-filters.js';
export {
  createSqliteStore,
  DATABASE_FILE,
  type SqliteStore,
  type SqliteStoreOptions,
} from './sqlite-store.js';
export { acquireWriteLock, LOCK_FILE } from './write-lock.js';
