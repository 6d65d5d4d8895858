/**
 * `npx tsx bench/article-vector.ts [--weights 0.05,0.1,0.25]`: article-level dense evidence,
 * measured and not kept (docs/benchmarks/ranking.md). Each article's vector is the
 * normalized mean of its passages' stored embeddings (no re-embedding); the shipped ranking's
 * top 100 articles are re-ranked by their score fused with the question's cosine to that vector,
 * by min-max (convex combination) and by RRF, and scored by nDCG@10 against the qrels. Weight 0
 * reproduces `npm run eval`'s hybrid row. Needs the evaluation indexes in .cache/eval (built
 * by `npm run eval`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { parseQuery } from '../src/analysis/index.js';
import { createTransformersEmbedder } from '../src/embed/index.js';
import { meanMetrics, parseQrels, type QueryMetrics, scoreQuery } from '../src/evaluation/index.js';
import { createSearchEngine, readQueries, resolveConfig } from '../src/index.js';
import { DEFAULT_DATASETS, ROOT } from './lib.js';

const { values } = parseArgs({
  options: {
    weights: { type: 'string', default: '0,0.05,0.1,0.15,0.25,0.5' },
    datasets: { type: 'string', default: DEFAULT_DATASETS },
  },
});
const weights = (values.weights as string).split(',').map(Number);
const RERANKED = 100;
const RRF_K = 60;

function articleVectors(dbFile: string): Map<string, Float32Array> {
  const db = new Database(dbFile, { readonly: true });
  const sums = new Map<string, Float32Array>();
  for (const row of db.prepare('SELECT article_id, embedding FROM passages').iterate() as Iterable<{
    article_id: string;
    embedding: Buffer;
  }>) {
    const v = new Float32Array(row.embedding.buffer, row.embedding.byteOffset, row.embedding.byteLength / 4);
    let sum = sums.get(row.article_id);
    if (!sum) {
      sum = new Float32Array(v.length);
      sums.set(row.article_id, sum);
    }
    for (let i = 0; i < v.length; i++) sum[i] = (sum[i] as number) + (v[i] as number);
  }
  db.close();
  for (const sum of sums.values()) {
    const norm = Math.hypot(...sum) || 1;
    for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] as number) / norm;
  }
  return sums;
}

const dot = (a: Float32Array, b: Float32Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
};

const embedder = await createTransformersEmbedder({ cacheDir: resolveConfig({}).modelCacheDir, dtype: 'q8' });
const averages = new Map<string, number[]>();
for (const name of ['time-dev', 'scifact', 'cranfield']) {
  const indexDir = join(ROOT, '.cache', 'eval', `${name}-q8`);
  if (!existsSync(join(indexDir, 'semsearch.db'))) {
    console.error(`${name}: no index in ${indexDir}; run npm run eval first`);
    continue;
  }
  const vectors = articleVectors(join(indexDir, 'semsearch.db'));
  const engine = await createSearchEngine({ indexDir, logLevel: 'silent' });
  const dir = join(values.datasets as string, name);
  const qrels = parseQrels(readFileSync(join(dir, 'qrels.tsv'), 'utf8'));
  const scored = new Map<string, QueryMetrics[]>();
  for (const q of readQueries(join(dir, 'queries.jsonl'))) {
    const judged = qrels.get(q.id);
    if (!judged || ![...judged.values()].some((g) => g > 0)) continue;
    const ranked = await engine.rankArticles(q.text, { limit: 1000 });
    const question = await embedder.embedQuery(parseQuery(q.text).plain);
    const top = ranked.slice(0, RERANKED);
    const cosine = top.map((a) => {
      const v = vectors.get(a.articleId);
      return v ? dot(question, v) : 0;
    });
    const cosineRank = new Map(
      cosine
        .map((c, i) => [c, i] as const)
        .sort((x, y) => y[0] - x[0])
        .map(([, i], r) => [i, r + 1]),
    );
    const scores = top.map((a) => a.score);
    const [sMin, sMax] = [Math.min(...scores), Math.max(...scores)];
    const [cMin, cMax] = [Math.min(...cosine), Math.max(...cosine)];
    for (const w of weights) {
      for (const fusion of ['minmax', 'rrf'] as const) {
        const fused = top.map((a, i) =>
          fusion === 'rrf'
            ? 1 / (RRF_K + i + 1) + w / (RRF_K + (cosineRank.get(i) as number))
            : (a.score - sMin) / (sMax - sMin || 1) +
              (w * ((cosine[i] as number) - cMin)) / (cMax - cMin || 1),
        );
        const order = top
          .map((a, i) => ({ id: a.articleId, s: fused[i] as number }))
          .sort((x, y) => y.s - x.s)
          .map((x) => x.id);
        const key = `${fusion} weight ${w}`;
        const list = scored.get(key) ?? [];
        list.push(scoreQuery([...order, ...ranked.slice(RERANKED).map((a) => a.articleId)], judged));
        scored.set(key, list);
      }
    }
  }
  for (const [key, list] of scored) {
    const ndcg = meanMetrics(list).ndcg10;
    averages.set(key, [...(averages.get(key) ?? []), ndcg]);
    console.log(`${name.padEnd(10)} ${key.padEnd(22)} nDCG@10 ${ndcg.toFixed(4)}`);
  }
  await engine.close();
}
for (const [key, list] of averages) {
  const mean = list.reduce((a, b) => a + b, 0) / list.length;
  console.log(
    `average    ${key.padEnd(22)} ${list.map((x) => x.toFixed(4)).join(' / ')}  → ${mean.toFixed(4)}`,
  );
}
await embedder.dispose();
