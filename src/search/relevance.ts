/**
 * An absolute relevance signal for a hit, in [0, 1], that means the same across queries and
 * indexes (unlike the fused score, which is relative to the best hit of its own list).
 *
 * A logistic model over two query-passage features that do not depend on the rest of the
 * result list: the cosine similarity of question and passage, and the share of the question's
 * content words (Porter stems, spelling variants) that the passage or its title contains.
 * Fitted on the three development collections by `npm run eval -- --calibrate`: a hit at 0.5
 * or more is more likely relevant than not there; see README for what a threshold means.
 */
import { matchStems, type ParsedQuery, stem } from '../analysis/index.js';

/** Logistic coefficients (bench/calibrate output, pooled dev sets, default model). */
export const RELEVANCE_MODEL = { bias: -6.09, cosine: 6.21, coverage: 2.69 } as const;
/** A hit at or above this relevance is a good match. */
export const GOOD_MATCH = 0.5;
/** Below this, a hit is not even a weak match. */
export const WEAK_MATCH = 0.2;

export type MatchLevel = 'good' | 'weak' | 'none';

const variantStems = new Map<string, string[]>();
/** The stems a query word matches (its spelling variants'), remembered per word. */
function wordStems(word: string): string[] {
  let stems = variantStems.get(word);
  if (!stems) {
    if (variantStems.size >= 10_000) variantStems.clear();
    stems = [...matchStems({ words: [word], phrases: [], excluded: [], plain: word })];
    variantStems.set(word, stems);
  }
  return stems;
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Share of the query's content words found in `text` (0 when the query has none): a word is
 * found when a word of the text has one of its stems. A search weighs hundreds of candidate
 * passages, so the text is not stemmed whole: Porter never changes a word's first letter, and
 * only words starting like one of the wanted stems are stemmed (the same answer as comparing
 * against the text's full stem set, for a fraction of the stemming).
 */
export function termCoverage(query: ParsedQuery, text: string): number {
  const distinct = [...new Set([...query.words, ...query.phrases.flat()])];
  if (distinct.length === 0) return 0;
  const wanted = distinct.map(wordStems);
  const initials = new Set(wanted.flat().map((s) => s[0]));
  const found = new Array<boolean>(wanted.length).fill(false);
  let left = wanted.length;
  for (const m of text.matchAll(WORD)) {
    const word = m[0].toLowerCase();
    if (!initials.has(word[0])) continue;
    const s = stem(word);
    for (let i = 0; i < wanted.length; i++) {
      if (!found[i] && (wanted[i] as string[]).includes(s)) {
        found[i] = true;
        left--;
      }
    }
    if (left === 0) break;
  }
  return (wanted.length - left) / wanted.length;
}

export function relevance(cosine: number, coverage: number): number {
  const m = RELEVANCE_MODEL;
  return 1 / (1 + Math.exp(-(m.bias + m.cosine * cosine + m.coverage * coverage)));
}

/** How good the best hit is: the answer's headline. */
export function matchLevel(best: number | undefined): MatchLevel {
  if (best === undefined || best < WEAK_MATCH) return 'none';
  return best >= GOOD_MATCH ? 'good' : 'weak';
}
