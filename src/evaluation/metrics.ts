/**
 * Retrieval metrics at article level, as trec_eval computes them: nDCG@10 with linear gains,
 * MRR@10 and Recall@100, averaged over queries with at least one relevant article.
 */

export type Qrels = Map<string, Map<string, number>>;

export interface QueryMetrics {
  ndcg10: number;
  mrr10: number;
  recall100: number;
}

export function parseQrels(text: string): Qrels {
  const qrels: Qrels = new Map();
  for (const line of text.split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (parts.length < 3) continue;
    // Both "qid docid rel" and TREC's "qid 0 docid rel" are accepted.
    const [qid, docid, rel] =
      parts.length >= 4 ? [parts[0], parts[2], parts[3]] : [parts[0], parts[1], parts[2]];
    const grade = Number(rel);
    if (!qid || !docid || !Number.isFinite(grade)) continue;
    let m = qrels.get(qid);
    if (!m) {
      m = new Map();
      qrels.set(qid, m);
    }
    m.set(docid, grade);
  }
  return qrels;
}

export function scoreQuery(ranked: readonly string[], judged: ReadonlyMap<string, number>): QueryMetrics {
  const relevant = [...judged.entries()].filter(([, g]) => g > 0);
  const ideal = relevant.map(([, g]) => g).sort((a, b) => b - a);
  let dcg = 0;
  let mrr = 0;
  ranked.slice(0, 10).forEach((id, i) => {
    const g = judged.get(id) ?? 0;
    if (g > 0) {
      dcg += g / Math.log2(i + 2);
      if (mrr === 0) mrr = 1 / (i + 1);
    }
  });
  let idcg = 0;
  ideal.slice(0, 10).forEach((g, i) => {
    idcg += g / Math.log2(i + 2);
  });
  const top100 = new Set(ranked.slice(0, 100));
  const found = relevant.filter(([id]) => top100.has(id)).length;
  return {
    ndcg10: idcg > 0 ? dcg / idcg : 0,
    mrr10: mrr,
    recall100: relevant.length > 0 ? found / relevant.length : 0,
  };
}

export function meanMetrics(all: readonly QueryMetrics[]): QueryMetrics & { queries: number } {
  const n = all.length || 1;
  const sum = (f: (m: QueryMetrics) => number) => all.reduce((s, m) => s + f(m), 0) / n;
  return {
    ndcg10: sum((m) => m.ndcg10),
    mrr10: sum((m) => m.mrr10),
    recall100: sum((m) => m.recall100),
    queries: all.length,
  };
}
