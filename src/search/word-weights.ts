/**
 * How much each of the question's words counts when telling texts apart: its rarity among the
 * search's candidate passages. A word every candidate holds (often the name that found them)
 * says least about which of them answers.
 */
import { matchStems, type ParsedQuery, stemMatches } from '../analysis/index.js';
import type { WordFrequencies } from '../backends/index.js';
import { coverageGroups } from './relevance.js';

const idf = (n: number, df: number) => Math.log((n + 1) / (df + 0.5));

/** How much each of the question's words counts, from the candidates that hold it. */
export interface WordWeights {
  groups: string[][];
  weights: number[];
  /** Every stem of every group. */
  stems: ReadonlySet<string>;
}

/**
 * Weights of the question's content words: the idf of each among `texts` (the search's
 * candidate passages), log((n + 1) / (df + 0.5)); or, given the index's word frequencies
 * (`corpus`, for the groups of coverageGroups(query)), the idf of each in the whole index, with
 * the candidates' idf only for a word the index cannot count.
 */
export function wordWeights(
  query: ParsedQuery,
  texts: readonly string[],
  corpus?: WordFrequencies,
): WordWeights {
  const groups = coverageGroups(query);
  // The question's stems (the groups' stems, all of them), as one set per parse: matches
  // found for it are shared with the highlighter's (analyzer.ts).
  const stems = matchStems(query);
  const counted = groups.map((_, k) => (corpus && corpus.passages > 0 ? (corpus.counts[k] ?? null) : null));
  // The candidates are read only for a word the index cannot count: stemming a hundred
  // passages was the largest part of a result page's work besides the model.
  let df: Map<string, number> | undefined;
  const candidateDf = () => {
    if (df) return df;
    df = new Map();
    // Only the stems of the words the index did not count.
    const wanted = new Set(groups.flatMap((g, k) => (counted[k] === null ? g : [])));
    for (const text of texts) {
      for (const s of new Set(stemMatches(text, wanted).map((m) => m.stem))) df.set(s, (df.get(s) ?? 0) + 1);
    }
    return df;
  };
  const n = texts.length;
  const weights = groups.map((g, k) => {
    const count = counted[k];
    if (count !== null && count !== undefined) return idf(corpus?.passages ?? 0, count);
    const found = candidateDf();
    return idf(n, Math.max(0, ...g.map((s) => found.get(s) ?? 0)));
  });
  return { groups, weights, stems };
}

/** Share of the weighted question words that `found` (stems) holds: each word by its weight. */
export function weightedShareOf(found: ReadonlySet<string>, w: WordWeights): number {
  const total = w.weights.reduce((s, x) => s + x, 0);
  if (total <= 0) return 0;
  let have = 0;
  w.groups.forEach((g, k) => {
    if (g.some((s) => found.has(s))) have += w.weights[k] ?? 0;
  });
  return have / total;
}

/** Share of the weighted question words found in `text`. */
export function weightedShare(text: string, w: WordWeights): number {
  return w.stems.size > 0 ? weightedShareOf(new Set(stemMatches(text, w.stems).map((m) => m.stem)), w) : 0;
}
