/** Results as people read them: article cards with snippets, pages, totals and facets. */
export { type CardExplain, collectionOf, metaLine, type ResultCard, toCards } from './cards.js';
export { CORPUS_SCAN_MAX, type CorpusSummary, describeCorpus, summarizeCorpus } from './corpus.js';
export {
  DEFAULT_PAGE_SIZE,
  delegateResults,
  FACET_NAMES,
  type FacetCount,
  type FacetName,
  RESULTS_WINDOW,
  type ResultsRequest,
  type ResultsResponse,
  resultsHere,
  runResults,
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
