/**
 * Lexical pseudo-relevance feedback (RM3-style): the words that weigh most in the top fused
 * passages (term frequency within each passage, times the passage's fused score, times idf
 * over the index) are added to the question for a second BM25 search.
 */
import { isStopWord, parseQuery, stem, tokenize } from '../analysis/index.js';
import type { TermFrequencies } from '../backends/index.js';

/** Candidate stems whose document frequency is looked up (the heaviest by feedback weight). */
export const FEEDBACK_CANDIDATE_STEMS = 60;

export interface FeedbackPassage {
  text: string;
  /** The passage's fused score (its weight as evidence). */
  score: number;
}

/** Stems of the feedback passages, weighted by Σ score · tf / length, with a surface word each. */
export function feedbackWeights(
  passages: readonly FeedbackPassage[],
  exclude: ReadonlySet<string>,
): Map<string, { weight: number; word: string }> {
  const out = new Map<string, { weight: number; word: string }>();
  for (const p of passages) {
    const words = tokenize(p.text).map((t) => t.word);
    if (words.length === 0) continue;
    for (const word of words) {
      // Numbers and short tokens are too ambiguous to add to a question; stop words add nothing.
      if (word.length < 3 || /^\d+$/.test(word) || isStopWord(word)) continue;
      const s = stem(word);
      if (exclude.has(s)) continue;
      const entry = out.get(s) ?? { weight: 0, word };
      entry.weight += p.score / words.length;
      out.set(s, entry);
    }
  }
  return out;
}

/**
 * The `count` expansion words: feedback weight times idf, best first. `frequencies` answers
 * for the candidate stems (the heaviest FEEDBACK_CANDIDATE_STEMS by feedback weight).
 */
export async function feedbackTerms(
  query: string,
  passages: readonly FeedbackPassage[],
  count: number,
  frequencies: (stems: readonly string[]) => Promise<TermFrequencies>,
): Promise<string[]> {
  if (count <= 0 || passages.length === 0) return [];
  const exclude = new Set(parseQuery(query).words.map((w) => stem(w)));
  const weights = [...feedbackWeights(passages, exclude)]
    .sort((a, b) => b[1].weight - a[1].weight || a[0].localeCompare(b[0]))
    .slice(0, FEEDBACK_CANDIDATE_STEMS);
  if (weights.length === 0) return [];
  const { passages: n, documents } = await frequencies(weights.map(([s]) => s));
  return weights
    .map(([s, { weight, word }]) => {
      const df = documents.get(s) ?? 0;
      // A stem the index does not hold (tokenizers differ at the edges) cannot match: skip it.
      return { word, score: df > 0 ? weight * Math.log(1 + n / df) : 0 };
    })
    .filter((t) => t.score > 0)
    .sort((a, b) => b.score - a.score || a.word.localeCompare(b.word))
    .slice(0, count)
    .map((t) => t.word);
}
