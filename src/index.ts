/**
 * semsearch as a library: the deliberate public surface the CLI, HTTP server and MCP server
 * build on. Stage internals (catch-up, lock files, fakes, parsers' helpers) stay behind their
 * stage's own index.ts.
 */

// The seams, for plugging other parts in.
export { type Backend, openBackend, openEmbeddedBackend } from './backend/index.js';
// Configuration and errors.
export {
  type ConfigOverrides,
  DEFAULTS,
  packageRoot,
  resolveConfig,
  type SemsearchConfig,
  useColor,
} from './config.js';
export type { Embedder, ModelInfo } from './embed/index.js';
export { ERROR_CODES, type ErrorCode, isSearchError, SearchError } from './errors.js';
export { type EvalQuery, type EvalResult, evaluate, readQueries } from './evaluation/index.js';
// Ingest and evaluation.
export type { IngestProgress, IngestRunOptions, IngestSkip, IngestSummary } from './indexing/index.js';
export { type Article, type LoadOptions, type Paragraph, recordToArticle } from './ingest/index.js';
// The engine and what it answers.
export {
  createSearchEngine,
  DEFAULT_K,
  type EngineStats,
  type FusionTuning,
  type Highlight,
  type Hit,
  type HitScores,
  hitHighlights,
  K_MAX,
  QUERY_MAX_CHARS,
  type RankArticlesOptions,
  type SearchEngine,
  type SearchEngineOptions,
  type SearchMode,
  type SearchRequest,
  type SearchResponse,
  type SearchTimings,
} from './search/index.js';
export {
  type ElasticsearchBackend,
  type ElasticsearchBackendOptions,
  openElasticsearchBackend,
} from './store/elasticsearch/index.js';
export type {
  ArticleWrite,
  ChunkStore,
  IndexMaintenance,
  IndexManifest,
  LexicalHit,
  SearchFilters,
  StoreChange,
  StoredArticle,
  StoredPassage,
} from './store/index.js';
export { DATABASE_FILE } from './store/index.js';
export type { VectorHit, VectorIndex } from './vectors/index.js';
