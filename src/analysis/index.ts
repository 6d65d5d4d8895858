/** Text analysis: the one analyzer (tokens, stop words, stemming) and the query syntax built on it. */
export {
  contentWords,
  foldWord,
  indexTerm,
  indexTerms,
  initialsOf,
  isStopWord,
  type StemMatch,
  scanWords,
  spellingVariants,
  stem,
  stemMatches,
  type Token,
  tokenize,
  words,
} from './analyzer.js';
export {
  ftsExpression,
  matchStems,
  type ParsedQuery,
  parseQuery,
  QUERY_MAX_TERMS,
  satisfiesSyntax,
} from './query-syntax.js';
export { type SpeechQuestion, speechQuestion, statementQuestion } from './speech-question.js';
