/** Results as people read them: article cards with snippets, pages, totals and facets. */
export { LEDE_BONUS, scoreArticleSentences, scoreSentences } from './answer-sentences.js';
export {
  exampleQuestions,
  headlineQuery,
  isFullName,
  lowerCaseWords,
  mostQuoted,
  type QuotedPerson,
  TIMELINE_MONTHS_MAX,
  type TimelineBar,
  timelineBars,
  topicWord,
} from './archive.js';
export {
  type ArticleText,
  type CardAnswer,
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
  ANSWER_LEADS,
  answerPage,
  checkPage,
  DEFAULT_PAGE_SIZE,
  FACET_NAMES,
  type FacetCount,
  type FacetName,
  LEAD_RELEVANCE,
  LEAD_SLACK,
  pageOf,
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
  knownSpeakers,
  matchedSpeakers,
  ON_TOPIC,
  type QuotedArticle,
  type SpeakerAnswer,
  speakersAsked,
} from './statements.js';
export { speakerHeadline, statementAlso, statementByline, statementWords } from './statements-text.js';
export { collapseStories } from './stories.js';
export { derivedTitle, displayTitle, type TitleMark } from './title.js';
