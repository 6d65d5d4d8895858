/**
 * English analysis for the cluster, done with the project's one analyzer (src/analysis): the
 * integ-test-zip distribution carries no analysis-common module, so no `english` analyzer and
 * no stemmer filter exist there. Text is cut into words, lower-cased, stripped of diacritics
 * (as SQLite's `unicode61` does) and Porter-stemmed into a `*_terms` field that the cluster
 * only splits on white space; the question goes through the same steps and the same query
 * syntax (required phrases, excluded words, spelling variants) as on the embedded backend.
 */
import { parseQuery, spellingVariants, stem, tokenize } from '../../analysis/index.js';
import type { SearchFilters } from '../chunk-store.js';
import { filterClauses } from './filters.js';

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '');
}

const stemOf = (word: string) => stem(fold(word));

/** Stemmed terms of a text, in order, for indexing (no stop words dropped, as in FTS5). */
export function indexTerms(text: string): string {
  return tokenize(fold(text))
    .map((t) => stem(t.word))
    .join(' ');
}

/** The one BM25 field: title and text of a passage or an article (see mappings.ts). */
export const TERMS_FIELD = 'all_terms';

/**
 * The BM25 query over title and text, or undefined when the question has nothing to match.
 * Built from word tokens only: no query-string syntax reaches the cluster.
 */
export function lexicalQuery(text: string, filters: SearchFilters | undefined): object | undefined {
  const parsed = parseQuery(text);
  // Not de-duplicated: FTS5 scores each OR-ed word on its own, even two that stem alike.
  const words = parsed.words.flatMap((w) => spellingVariants(w)).map(stemOf);
  const phrases = parsed.phrases.map((p) => p.map(stemOf).join(' '));
  if (words.length === 0 && phrases.length === 0) return undefined;
  const excluded = [...new Set(parsed.excluded.map(stemOf))];
  return {
    bool: {
      must: phrases.map((phrase) => ({ match_phrase: { [TERMS_FIELD]: phrase } })),
      should: words.length === 0 ? [] : [{ match: { [TERMS_FIELD]: { query: words.join(' ') } } }],
      minimum_should_match: words.length === 0 ? 0 : 1,
      must_not: excluded.length > 0 ? [{ terms: { [TERMS_FIELD]: excluded } }] : [],
      filter: filterClauses(filters),
    },
  };
}
