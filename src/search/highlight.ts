/**
 * The best sentences of a passage for a query: sentences ranked by how many distinct query
 * terms they contain, matched by the shared analyzer (Porter stems and spelling variants, the
 * same rules the lexical search uses), earlier sentences first on ties.
 */
import { matchStems, type ParsedQuery, stemMatches } from '../analysis/index.js';
import { sentencesOf } from './sentence-memo.js';
import type { Highlight } from './types.js';

/** Sentences highlighted per passage at most. */
export const HIGHLIGHTS_PER_PASSAGE = 2;

export function highlightSentences(
  articleText: string,
  start: number,
  end: number,
  query: ParsedQuery,
): Highlight[] {
  const terms = matchStems(query);
  if (terms.size === 0) return [];
  const found = stemMatches(articleText.slice(start, end), terms);
  // Sentences are found only where a query word is: segmenting is most of the work.
  if (found.length === 0) return [];
  const scored = sentencesOf(articleText, start, end).map((s, order) => {
    const inside = new Set<string>();
    for (const m of found) if (m.start + start >= s.start && m.end + start <= s.end) inside.add(m.stem);
    return { ...s, matches: inside.size, order };
  });
  return scored
    .filter((s) => s.matches > 0)
    .sort((a, b) => b.matches - a.matches || a.order - b.order)
    .slice(0, HIGHLIGHTS_PER_PASSAGE)
    .sort((a, b) => a.start - b.start)
    .map(({ start: s, end: e }) => ({ start: s, end: e }));
}
