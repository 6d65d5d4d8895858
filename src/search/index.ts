/** Search stage: hybrid retrieval, fusion, grouping and highlighting over a backend. */
export type { EngineContext } from './context.js';
export {
  ARTICLE_RANK_K,
  DENSE_WEIGHT,
  type FusedPassage,
  fuse,
  fuseArticles,
  LEXICAL_WEIGHT,
  type RankedArticle,
} from './fusion.js';
export { HIGHLIGHTS_PER_PASSAGE, highlightSentences } from './highlight.js';
export { hitHighlights } from './hits.js';
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
