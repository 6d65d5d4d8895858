/**
 * The best sentences of a passage for a query: sentences ranked by how many distinct query
 * terms they contain, matched by the shared analyzer (Porter stems and spelling variants, the
 * same rules the lexical search uses), earlier sentences first on ties.
 */
import { matchStems, parseQuery, stemSet } from '../analysis/index.js';
import { sentenceSpans } from '../chunk/index.js';
import type { Highlight } from './types.js';

/** Sentences highlighted per passage at most. */
export const HIGHLIGHTS_PER_PASSAGE = 2;

export function highlightSentences(
  articleText: string,
  start: number,
  end: number,
  query: string,
): Highlight[] {
  const terms = matchStems(parseQuery(query));
  if (terms.size === 0) return [];
  const scored = sentenceSpans(articleText, start, end).map((s, order) => {
    const words = stemSet(articleText.slice(s.start, s.end));
    let matches = 0;
    for (const t of terms) if (words.has(t)) matches++;
    return { ...s, matches, order };
  });
  return scored
    .filter((s) => s.matches > 0)
    .sort((a, b) => b.matches - a.matches || a.order - b.order)
    .slice(0, HIGHLIGHTS_PER_PASSAGE)
    .sort((a, b) => a.start - b.start)
    .map(({ start: s, end: e }) => ({ start: s, end: e }));
}
