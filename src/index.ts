/**
 * semsearch as a library: the deliberate public surface the CLI, HTTP server and MCP server
 * build on. Stage internals (catch-up, lock files, fakes, parsers' helpers) stay behind their
 * stage's own index.ts.
 */

export {
  type ElasticsearchBackend,
  type ElasticsearchBackendOptions,
  openElasticsearchBackend,
} from './backends/elasticsearch/index.js';
export { openEmbeddedBackend } from './backends/embedded/index.js';
// The seams, for plugging other parts in.
export type {
  ArticleStory,
  ArticleWrite,
  Backend,
  ChunkStore,
  IndexMaintenance,
  IndexManifest,
  LexicalHit,
  SearchFilters,
  SpeakerCount,
  SpeakerList,
  StoreChange,
  StoredArticle,
  StoredPassage,
  StoryMember,
  VectorHit,
  VectorIndex,
} from './backends/index.js';
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
// The engine and what it answers.
export {
  createSearchEngine,
  type EngineStats,
  type ListedSpeaker,
  openBackend,
  type SearchEngine,
  type SearchEngineOptions,
  type SpeakersQuery,
  type SpeakersResponse,
  type StatementsRequest,
  type StatementsResponse,
} from './engine/index.js';
export { ERROR_CODES, type ErrorCode, isSearchError, SearchError } from './errors.js';
export { type EvalQuery, type EvalResult, evaluate, readQueries } from './evaluation/index.js';
export { DATABASE_FILE } from './index-files.js';
// Ingest and evaluation.
export type { IngestProgress, IngestRunOptions, IngestSkip, IngestSummary } from './ingest/index.js';
export { type Article, type LoadOptions, type Paragraph, recordToArticle } from './parse/index.js';
export {
  DEFAULT_K,
  type FusionTuning,
  type Highlight,
  type Hit,
  type HitScores,
  hitHighlights,
  K_MAX,
  QUERY_MAX_CHARS,
  type RankArticlesOptions,
  type SearchMode,
  type SearchRequest,
  type SearchResponse,
  type SearchTimings,
} from './search/index.js';
// Who said what: statements extracted from an article, and speaker names matched.
export {
  type ArticleText,
  extractStatements,
  type KnownSpeaker,
  matchSpeaker,
  normaliseSpeaker,
  type SpeakerMatch,
  STATEMENTS_VERSION,
  type Statement,
  type StatementKind,
} from './statements/index.js';
