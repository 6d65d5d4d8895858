/** Ingest: the run that takes parsed articles to stored, embedded passages (and prunes). */
export { embeddingIds, embeddingText } from './embedding-text.js';
export { contentHash, runIngest } from './ingest-runner.js';
export { type PruneEvidence, prunable } from './prune.js';
export { type RefreshSummary, readStatements, refreshStatements } from './statements.js';
export {
  emptySummary,
  INGEST_FLUSH_PASSAGES,
  type IngestProgress,
  type IngestRunOptions,
  type IngestSkip,
  type IngestSummary,
} from './types.js';
