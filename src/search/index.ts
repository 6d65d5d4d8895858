/** Search stage: plan, hybrid retrieval, fusion, grouping, choice and highlighting over a backend. */
export { ARTICLE_CANDIDATES, type ChoiceOptions, type Chosen, SECOND_PASSAGE_RATIO } from './choose.js';
export {
  CONFIDENCE_MODEL,
  type ConfidenceFeatures,
  cardEvidence,
  confidenceOf,
  FEATURE_NAMES,
  GOOD_CONFIDENCE,
  LABEL_FEATURE_NAMES,
  LABEL_MODEL,
  type LabelFeatures,
  labelConfidence,
  labelEvidence,
  matchOf,
  NONE_CONFIDENCE,
} from './confidence.js';
export type { EngineContext } from './context.js';
export {
  ARTICLE_RANK_K,
  type Candidate,
  DENSE_WEIGHT,
  type FusedPassage,
  fuse,
  fuseArticles,
  LEXICAL_WEIGHT,
  type RankedArticle,
} from './fusion.js';
export { HIGHLIGHTS_PER_PASSAGE, highlightSentences } from './highlight.js';
export { hitHighlights } from './hits.js';
export { planQuery, type QueryPlan, validateK, validateMode, validateQuery } from './plan.js';
export { coverageGroups, GOOD_MATCH, type MatchLevel, WEAK_MATCH } from './relevance.js';
export {
  DENSE_CANDIDATES,
  expandQuery,
  FEEDBACK_PASSAGES,
  FEEDBACK_WEIGHT,
  type FusionTuning,
  LEXICAL_CANDIDATES,
} from './retrieval.js';
export {
  type RankArticlesOptions,
  rankArticles,
  runSearch,
  type SearchRun,
  search,
  searchResponse,
} from './search.js';
export { SENTENCE_TEXTS_KEPT, sentencesOf } from './sentence-memo.js';
export * from './types.js';
export { FREQUENCIES_KEPT, indexWordFrequencies } from './word-frequencies.js';
export { type WordWeights, weightedShare, weightedShareOf, wordWeights } from './word-weights.js';
