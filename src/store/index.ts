/** Store stage: SQLite is the source of truth for articles, passages and embeddings. */
export * from './chunk-store.js';
export { buildFtsQuery, FTS_MAX_TERMS, queryTerms } from './fts-query.js';
export { createSqliteStore, DATABASE_FILE, type SqliteStoreOptions } from './sqlite-store.js';
export { acquireWriteLock, LOCK_FILE } from './write-lock.js';
