/**
 * Fusion of the dense and lexical candidate lists (reciprocal rank, or a convex combination of
 * normalized scores), then of article lists (articles by their best passage, and by
 * whole-article BM25).
 */

/** RRF constant: 60 is the classic choice and measured best-or-equal on SciFact and Cranfield. */
export const RRF_K = 60;
/** Weight of the dense list in hybrid fusion. */
export const DENSE_WEIGHT = 1.0;
/** Weight of the lexical list in hybrid fusion. */
export const LEXICAL_WEIGHT = 1.0;

/**
 * How lists are combined: reciprocal rank, or the weighted mean of scores normalized per list
 * by min-max or z-score (a passage missing from a list takes that list's worst score).
 */
export type FusionMethod = 'rrf' | 'minmax' | 'zscore';

export interface FusionInput {
  dense: ReadonlyArray<{ id: number; similarity: number }>;
  lexical: ReadonlyArray<{ passageId: number; bm25: number }>;
  denseWeight: number;
  lexicalWeight: number;
  /** A further dense list: the topic of a question about what someone said (speech-question.ts). */
  topic?: ReadonlyArray<{ id: number; similarity: number }>;
  topicWeight?: number;
  rrfK?: number;
  /** @default 'rrf' */
  method?: FusionMethod;
  /** A further lexical list (BM25 of the query expanded by lexical feedback) and its weight. */
  lexicalFeedback?: ReadonlyArray<{ passageId: number; bm25: number }>;
  lexicalFeedbackWeight?: number;
}

/** Scores of one list mapped to [0, 1] by min-max, or to z-scores; `floor` is the list's worst. */
export function normalizeScores(
  scores: readonly number[],
  method: Exclude<FusionMethod, 'rrf'>,
): { values: number[]; floor: number } {
  if (scores.length === 0) return { values: [], floor: 0 };
  if (method === 'minmax') {
    const min = Math.min(...scores);
    const range = Math.max(...scores) - min;
    return { values: scores.map((s) => (range > 0 ? (s - min) / range : 1)), floor: 0 };
  }
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const sd = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / scores.length);
  const values = scores.map((s) => (sd > 0 ? (s - mean) / sd : 0));
  return { values, floor: Math.min(...values) };
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
 * Weighted RRF, normalized so that first place in every weighted list scores 1; or, for score
 * fusion, the weighted mean of normalized scores, scaled so that the best passage scores 1.
 */
export function fuse(input: FusionInput): FusedPassage[] {
  const k = input.rrfK ?? RRF_K;
  const method = input.method ?? 'rrf';
  const feedback = input.lexicalFeedback ?? [];
  const feedbackWeight = feedback.length > 0 ? (input.lexicalFeedbackWeight ?? 0) : 0;
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
  for (const h of feedback) get(h.passageId);
  for (const h of topic) get(h.id);
  const lists = [
    { ids: input.dense.map((h) => h.id), scores: input.dense.map((h) => h.similarity), w: input.denseWeight },
    {
      ids: input.lexical.map((h) => h.passageId),
      scores: input.lexical.map((h) => h.bm25),
      w: input.lexicalWeight,
    },
    { ids: feedback.map((h) => h.passageId), scores: feedback.map((h) => h.bm25), w: feedbackWeight },
    { ids: topic.map((h) => h.id), scores: topic.map((h) => h.similarity), w: topicWeight },
  ].filter((l) => l.w > 0);
  const out = [...byId.values()];
  if (method === 'rrf') {
    for (const l of lists) {
      l.ids.forEach((id, i) => {
        get(id).score += l.w / (k + i + 1);
      });
    }
    const max = lists.reduce((a, l) => a + l.w, 0) / (k + 1);
    for (const p of out) p.score = max > 0 ? p.score / max : 0;
  } else {
    for (const l of lists) {
      const { values, floor } = normalizeScores(l.scores, method);
      const seen = new Map(l.ids.map((id, i) => [id, values[i] as number]));
      for (const p of out) p.score += l.w * (seen.get(p.id) ?? floor);
    }
    // Shifted so the worst possible is 0 (z-scores go negative), scaled so the best is 1.
    const low = Math.min(...out.map((p) => p.score));
    for (const p of out) p.score -= low;
    const max = Math.max(...out.map((p) => p.score));
    for (const p of out) p.score = max > 0 ? p.score / max : 1;
  }
  // Ties: the better dense similarity first, then the lower id (stable, deterministic).
  return out.sort((a, b) => b.score - a.score || (b.dense ?? -2) - (a.dense ?? -2) || a.id - b.id);
}

/** An article in a fused ranking, with its passages best first. */
export interface RankedArticle<T extends { id: number; score: number }> {
  articleId: string;
  /** Fused article score, normalized so that first in every list used is 1. */
  score: number;
  passages: T[];
}

export interface ArticleFusionInput<T extends { id: number; score: number }> {
  /** Fused passages, best first. */
  passages: readonly T[];
  articleOf: (id: number) => string | undefined;
  /** Articles by whole-article BM25, best first (may be empty). */
  articleLexical: ReadonlyArray<{ articleId: string }>;
  /** Weight of the passage evidence (an article ranked by its best passage). */
  passageWeight: number;
  /** Weight of the whole-article BM25 list. */
  articleLexicalWeight: number;
  /** Weight of an article's second-best passage score added to its best one's when articles are ordered by passage evidence. @default 0 */
  secondPassageWeight?: number;
  rrfK?: number;
}

/**
 * Articles by reciprocal rank fusion of two article lists: articles ordered by their best
 * passage, and articles by whole-article BM25. Passage evidence finds where the answer is;
 * article evidence counts words spread over paragraphs (a news story's who and what).
 */
export function fuseArticles<T extends { id: number; score: number }>(
  input: ArticleFusionInput<T>,
): RankedArticle<T>[] {
  const k = input.rrfK ?? RRF_K;
  const byId = new Map<string, RankedArticle<T>>();
  let rank = 0;
  for (const p of input.passages) {
    const articleId = input.articleOf(p.id);
    if (articleId === undefined) continue;
    let a = byId.get(articleId);
    if (!a) {
      rank++;
      a = { articleId, score: input.passageWeight / (k + rank), passages: [] };
      byId.set(articleId, a);
    }
    a.passages.push(p);
  }
  const second = input.secondPassageWeight ?? 0;
  if (second > 0) {
    const evidence = (a: RankedArticle<T>) =>
      (a.passages[0]?.score ?? 0) + second * (a.passages[1]?.score ?? 0);
    [...byId.values()]
      .sort((x, y) => evidence(y) - evidence(x))
      .forEach((a, i) => {
        a.score = input.passageWeight / (k + i + 1);
      });
  }
  input.articleLexical.forEach((hit, i) => {
    let a = byId.get(hit.articleId);
    if (!a) {
      a = { articleId: hit.articleId, score: 0, passages: [] };
      byId.set(hit.articleId, a);
    }
    a.score += input.articleLexicalWeight / (k + i + 1);
  });
  const used = input.passageWeight + (input.articleLexical.length > 0 ? input.articleLexicalWeight : 0);
  const max = used / (k + 1);
  const out = [...byId.values()];
  for (const a of out) a.score = max > 0 ? a.score / max : 0;
  return out.sort((a, b) => b.score - a.score || (b.passages[0]?.score ?? 0) - (a.passages[0]?.score ?? 0));
}
