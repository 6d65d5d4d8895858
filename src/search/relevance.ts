/**
 * An absolute relevance signal for a hit, in [0, 1], that means the same across queries and
 * indexes (unlike the fused score, which is relative to the best hit of its own list).
 *
 * A logistic model over two query-passage features that do not depend on the rest of the
 * result list: the cosine similarity of question and passage, and the share of the question's
 * content words (Porter stems, spelling variants) that the passage or its title contains.
 * Fitted on the three development collections by `npm run eval -- --calibrate`: a hit at 0.5
 * or more is more likely relevant than not there; see docs/relevance.md for what a threshold means.
 */
import { initialsOf, matchStems, type ParsedQuery, scanWords, stem } from '../analysis/index.js';

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

/** What termCoverage needs of a query, worked out once per parsed query. */
interface Wanted {
  count: number;
  /** First UTF-16 code units of the wanted stems. */
  initials: Set<number>;
  /** Stem → the query words it stands for. */
  byStem: Map<string, number[]>;
  /** Lower-cased word of a text → the query words it stands for (null: none). */
  seen: Map<string, number[] | null>;
}

/**
 * A search weighs hundreds of candidate passages against one parsed query (its plan's): what
 * it has seen is kept with that parse, and goes when the parse does.
 */
const wantedOf = new WeakMap<ParsedQuery, Wanted>();
const SEEN_WORDS_KEPT = 20_000;

/**
 * The query's distinct content words (phrases' words included), each as the stems that count
 * as finding it: what word coverage looks for, whether in a text or in an index of its words.
 */
export function coverageGroups(query: ParsedQuery): string[][] {
  return [...new Set([...query.words, ...query.phrases.flat()])].map(wordStems);
}

function wanted(query: ParsedQuery): Wanted {
  let w = wantedOf.get(query);
  if (!w) {
    const groups = coverageGroups(query);
    const byStem = new Map<string, number[]>();
    groups.forEach((stems, i) => {
      for (const s of stems) byStem.set(s, [...(byStem.get(s) ?? []), i]);
    });
    w = { count: groups.length, initials: initialsOf(byStem.keys()), byStem, seen: new Map() };
    wantedOf.set(query, w);
  }
  return w;
}

/**
 * Share of the query's content words found in `text` (0 when the query has none): a word is
 * found when a word of the text has one of its stems. A search weighs hundreds of candidate
 * passages, so the text is not stemmed whole: Porter never changes a word's first letter, so
 * only words starting like one of the wanted stems are looked at, and each distinct word is
 * stemmed once per query (the same answer as comparing against the text's full stem set).
 */
export function termCoverage(query: ParsedQuery, text: string): number {
  const w = wanted(query);
  if (w.count === 0) return 0;
  const found = new Uint8Array(w.count);
  let left = w.count;
  scanWords(text, w.initials, (word) => {
    let words = w.seen.get(word);
    if (words === undefined) {
      words = w.byStem.get(stem(word)) ?? null;
      if (w.seen.size < SEEN_WORDS_KEPT) w.seen.set(word, words);
    }
    if (words === null) return undefined;
    for (const k of words) {
      if (found[k] === 0) {
        found[k] = 1;
        left--;
      }
    }
    return left === 0;
  });
  return (w.count - left) / w.count;
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
