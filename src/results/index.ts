/** Results as people read them: article cards with snippets, pages, totals and facets. */
export { LEDE_BONUS, scoreSentences } from './answer-sentences.js';
export {
  type CardExplain,
  cardSnippets,
  collectionOf,
  metaLine,
  type ResultCard,
  type StoryCopy,
  toCards,
  webLink,
} from './cards.js';
export { describeCorpus } from './corpus.js';
export { matchesNote } from './count.js';
export {
  checkPage,
  DEFAULT_PAGE_SIZE,
  FACET_NAMES,
  type FacetCount,
  type FacetName,
  RESULTS_WINDOW,
  type ResultsRequest,
  type ResultsResponse,
  resultsPage,
  type SortOrder,
} from './results.js';
export {
  emphasisOf,
  SNIPPET_MAX_CHARS,
  type Snippet,
  type Span,
  snippetOf,
  splitEmphasis,
} from './snippet.js';
export {
  type AnswerStatement,
  answerStatements,
  matchedSpeakers,
  ON_TOPIC,
  type QuotedArticle,
  type SpeakerAnswer,
} from './statements.js';
export { speakerHeadline, statementAlso, statementByline, statementWords } from './statements-text.js';
export { collapseStories } from './stories.js';
