/**
 * User text to an FTS5 MATCH expression that cannot inject syntax: built by the shared query
 * syntax from word tokens only (phrases required, words OR-ed with spelling variants,
 * exclusions NOT-ed, English stop words dropped).
 */
import { ftsExpression, parseQuery, QUERY_MAX_TERMS } from '../../analysis/index.js';

/** Most terms one lexical query may carry. */
export const FTS_MAX_TERMS = QUERY_MAX_TERMS;

/** Lower-cased content words of `text` (what the lexical side searches for). */
export function queryTerms(text: string): readonly string[] {
  return parseQuery(text).words;
}

/** The MATCH expression, or undefined when the text has nothing to match. */
export function buildFtsQuery(text: string): string | undefined {
  return ftsExpression(parseQuery(text));
}
