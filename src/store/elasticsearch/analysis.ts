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

const bothFields = (clause: (field: string) => Record<string, unknown>) => ({
  bool: { should: [clause('text_terms'), clause('title_terms')], minimum_should_match: 1 },
});

/**
 * The BM25 query over `title_terms` and `text_terms`, or undefined when the question has
 * nothing to match. Built from word tokens only: no query-string syntax reaches the cluster.
 */
export function lexicalQuery(text: string, filters: SearchFilters | undefined): object | undefined {
  const parsed = parseQuery(text);
  const words = [...new Set(parsed.words.flatMap((w) => spellingVariants(w)).map(stemOf))].join(' ');
  const phrases = parsed.phrases.map((p) => p.map(stemOf).join(' '));
  if (words === '' && phrases.length === 0) return undefined;
  const excluded = [...new Set(parsed.excluded.map(stemOf))];
  return {
    bool: {
      must: phrases.map((phrase) => bothFields((field) => ({ match_phrase: { [field]: phrase } }))),
      should:
        words === ''
          ? []
          : [{ match: { text_terms: { query: words } } }, { match: { title_terms: { query: words } } }],
      minimum_should_match: words === '' ? 0 : 1,
      must_not: excluded.length > 0 ? [bothFields((field) => ({ terms: { [field]: excluded } }))] : [],
      filter: filterClauses(filters),
    },
  };
}
