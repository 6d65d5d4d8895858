/** Indexing: the write side of the engine (ingest runs, deletes, prune). */
export {
  contentHash,
  embeddingIds,
  embeddingText,
  emptySummary,
  INGEST_FLUSH_PASSAGES,
  type IngestProgress,
  type IngestRunOptions,
  type IngestSkip,
  type IngestSummary,
  runIngest,
} from './ingest-runner.js';
export { type PruneEvidence, prunable } from './prune.js';
export { deleteArticles, ingestArticles, ingestPaths } from './write.js';
