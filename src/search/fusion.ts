/**
 * Fusion of the dense and lexical candidate lists (a weighted mean of min-max normalized
 * scores), then the articles those passages belong to, in order of their best passage.
 *
 * Measured choices (docs/benchmarks/ranking.md): min-max score fusion against reciprocal-rank
 * fusion raised nDCG@10 on all three dev sets (time-dev +0.015, SciFact +0.011, Cranfield
 * +0.001), since ranks throw away how far apart the scores are; z-scores, whole-article BM25,
 * an article's second passage and lexical (RM3-style) feedback did not help and were removed.
 */
import type { StoredPassage } from '../backends/index.js';

/**
 * Rank offset of an article's score: an article's score is (ARTICLE_RANK_K + 1) /
 * (ARTICLE_RANK_K + rank), so the first article scores 1 and the scores fall gently with rank.
 */
export const ARTICLE_RANK_K = 60;
/** Weight of the dense list in hybrid fusion. */
export const DENSE_WEIGHT = 1.0;
/** Weight of the lexical list in hybrid fusion. */
export const LEXICAL_WEIGHT = 1.0;

export interface FusionInput {
  dense: ReadonlyArray<{ id: number; similarity: number }>;
  lexical: ReadonlyArray<{ passageId: number; bm25: number }>;
  denseWeight: number;
  lexicalWeight: number;
  /** A further dense list: the topic of a question about what someone said (speech-question.ts). */
  topic?: ReadonlyArray<{ id: number; similarity: number }>;
  topicWeight?: number;
}

/** Scores of one list mapped to [0, 1] by min-max (all equal: all 1). */
export function normalizeScores(scores: readonly number[]): number[] {
  if (scores.length === 0) return [];
  const min = Math.min(...scores);
  const range = Math.max(...scores) - min;
  return scores.map((s) => (range > 0 ? (s - min) / range : 1));
}

export interface FusedPassage {
  id: number;
  score: number;
  dense: number | null;
  denseRank: number | null;
  bm25: number | null;
  lexicalRank: number | null;
}

/**
 * One passage's evidence as it moves through a search: fused in retrieval, given its article
 * when grouped, its text when read, and its relevance when weighed. Each stage adds what it
 * learns to the same record, so nothing is looked up twice.
 */
export interface Candidate extends FusedPassage {
  articleId?: string;
  passage?: StoredPassage;
  /** Share of the question's content words in the passage or its title. */
  coverage?: number;
  /** Cosine of the question as asked and the passage (null without a model). */
  cosine?: number | null;
  /** Calibrated relevance from cosine and coverage (relevance.ts). */
  relevance?: number;
}

/**
 * The weighted mean of each list's min-max normalized scores (a passage missing from a list
 * takes that list's worst, 0), mapped onto [0, 1] over the candidates.
 */
export function fuse(input: FusionInput): FusedPassage[] {
  const byId = new Map<number, FusedPassage>();
  const get = (id: number) => {
    let p = byId.get(id);
    if (!p) {
      p = { id, score: 0, dense: null, denseRank: null, bm25: null, lexicalRank: null };
      byId.set(id, p);
    }
    return p;
  };
  input.dense.forEach((h, i) => {
    const p = get(h.id);
    p.dense = h.similarity;
    p.denseRank = i + 1;
  });
  input.lexical.forEach((h, i) => {
    const p = get(h.passageId);
    p.bm25 = h.bm25;
    p.lexicalRank = i + 1;
  });
  const topic = input.topic ?? [];
  const topicWeight = topic.length > 0 ? (input.topicWeight ?? 0) : 0;
  for (const h of topic) get(h.id);
  const lists = [
    { ids: input.dense.map((h) => h.id), scores: input.dense.map((h) => h.similarity), w: input.denseWeight },
    {
      ids: input.lexical.map((h) => h.passageId),
      scores: input.lexical.map((h) => h.bm25),
      w: input.lexicalWeight,
    },
    { ids: topic.map((h) => h.id), scores: topic.map((h) => h.similarity), w: topicWeight },
  ].filter((l) => l.w > 0);
  const out = [...byId.values()];
  for (const l of lists) {
    const values = normalizeScores(l.scores);
    const seen = new Map(l.ids.map((id, i) => [id, values[i] as number]));
    for (const p of out) p.score += l.w * (seen.get(p.id) ?? 0);
  }
  // Shifted so the worst candidate scores 0, scaled so the best scores 1.
  const low = Math.min(...out.map((p) => p.score));
  for (const p of out) p.score -= low;
  const max = Math.max(...out.map((p) => p.score));
  for (const p of out) p.score = max > 0 ? p.score / max : 1;
  // Ties: the better dense similarity first, then the lower id (stable, deterministic).
  return out.sort((a, b) => b.score - a.score || (b.dense ?? -2) - (a.dense ?? -2) || a.id - b.id);
}

/** An article in a fused ranking, with its passages best first. */
export interface RankedArticle<T extends { id: number; score: number }> {
  articleId: string;
  /** (ARTICLE_RANK_K + 1) / (ARTICLE_RANK_K + rank): 1 for the first article, relative to this list. */
  score: number;
  passages: T[];
}

/** Fused passages (best first) grouped into articles, in order of each article's best passage. */
export function fuseArticles<T extends { id: number; score: number }>(
  passages: readonly T[],
  articleOf: (id: number) => string | undefined,
): RankedArticle<T>[] {
  const byId = new Map<string, RankedArticle<T>>();
  for (const p of passages) {
    const articleId = articleOf(p.id);
    if (articleId === undefined) continue;
    let a = byId.get(articleId);
    if (!a) {
      a = { articleId, score: (ARTICLE_RANK_K + 1) / (ARTICLE_RANK_K + byId.size + 1), passages: [] };
      byId.set(articleId, a);
    }
    a.passages.push(p);
  }
  return [...byId.values()];
}
