/** Search stage: hybrid retrieval, fusion, grouping, highlighting; and the engine that ties the stages. */
export {
  CHUNK_OVERLAP_SENTENCES,
  createSearchEngine,
  DENSE_CANDIDATES,
  type EngineStats,
  expandQuery,
  FEEDBACK_PASSAGES,
  FEEDBACK_WEIGHT,
  type FusionTuning,
  LEXICAL_CANDIDATES,
  type RankArticlesOptions,
  type SearchEngine,
  type SearchEngineOptions,
  validateQuery,
} from './engine.js';
export { type EvalQuery, type EvalResult, evaluate, RUN_FILE_DEPTH, readQueries } from './evaluate.js';
export {
  DENSE_WEIGHT,
  type FusedPassage,
  fuse,
  groupByArticle,
  LEXICAL_WEIGHT,
  RRF_K,
  rankArticles,
} from './fusion.js';
export { HIGHLIGHTS_PER_PASSAGE, highlightSentences, stem } from './highlight.js';
export {
  contentHash,
  embeddingText,
  INGEST_FLUSH_PASSAGES,
  type IngestProgress,
  type IngestRunOptions,
  type IngestSkip,
  type IngestSummary,
  runIngest,
} from './ingest-runner.js';
export { meanMetrics, parseQrels, type Qrels, type QueryMetrics, scoreQuery } from './metrics.js';
export * from './types.js';
export { COMPACT_DELETED_RATIO, catchUp, HNSW_FILE, openVectors, saveVectors } from './vector-sync.js';
