/** Search stage: hybrid retrieval, fusion, grouping, highlighting; and the engine that ties the stages. */
export type { EngineContext } from './context.js';
export {
  createSearchEngine,
  type EngineStats,
  type SearchEngine,
  type SearchEngineOptions,
} from './engine.js';
export {
  DENSE_WEIGHT,
  type FusedPassage,
  fuse,
  fuseArticles,
  LEXICAL_WEIGHT,
  type RankedArticle,
  RRF_K,
} from './fusion.js';
export { HIGHLIGHTS_PER_PASSAGE, highlightSentences } from './highlight.js';
export { hitHighlights } from './hits.js';
export { CHUNK_OVERLAP_SENTENCES } from './manifest.js';
export {
  DENSE_CANDIDATES,
  expandQuery,
  FEEDBACK_PASSAGES,
  FEEDBACK_WEIGHT,
  type FusionTuning,
  LEXICAL_CANDIDATES,
} from './retrieval.js';
export { type RankArticlesOptions, validateQuery } from './search.js';
export * from './types.js';
