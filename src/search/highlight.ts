/**
 * The best sentences of a passage for a query: sentences ranked by how many distinct query
 * terms they contain (crudely stemmed, so "Kurils" meets "Kuril"), earlier sentences first on ties.
 */
import { sentenceSpans } from '../chunk/index.js';
import { queryTerms } from '../store/index.js';
import type { Highlight } from './types.js';

/** Sentences highlighted per passage at most. */
export const HIGHLIGHTS_PER_PASSAGE = 2;

/** A light suffix stripper; enough to match plural and verb forms for highlighting. */
export function stem(word: string): string {
  const w = word.toLowerCase();
  for (const suffix of ['ations', 'ation', 'ings', 'ing', 'ies', 'ied', 'es', 'ed', 'ly', 's']) {
    if (w.length - suffix.length >= 3 && w.endsWith(suffix)) return w.slice(0, w.length - suffix.length);
  }
  return w;
}

export function highlightSentences(
  articleText: string,
  start: number,
  end: number,
  query: string,
): Highlight[] {
  const terms = new Set(queryTerms(query).map(stem));
  if (terms.size === 0) return [];
  const scored = sentenceSpans(articleText, start, end).map((s, order) => {
    const words = new Set((articleText.slice(s.start, s.end).match(/[\p{L}\p{N}]+/gu) ?? []).map(stem));
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
