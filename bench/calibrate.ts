/**
 * `npm run calibrate`: fits the relevance model (src/search/relevance.ts) on the judged dev
 * collections. For each query, the top 20 articles of a hybrid search are labelled relevant or
 * not by the qrels; a logistic regression over (cosine, word coverage) of each article's best
 * passage is fitted by Newton's method on the pooled hits (each collection weighted equally),
 * and what a 0.5 threshold means is reported per collection.
 *
 *   npm run calibrate -- [--datasets DIR]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseQrels } from '../src/evaluation/index.js';
import { readQueries } from '../src/index.js';
import { GOOD_MATCH, relevance } from '../src/search/relevance.js';
import { openCachedIndex } from './indexes.js';
import { DEFAULT_DATASETS } from './lib.js';

const { values } = parseArgs({ options: { datasets: { type: 'string', default: DEFAULT_DATASETS } } });

interface Sample {
  x: [number, number];
  y: 0 | 1;
  w: number;
  collection: string;
}

const samples: Sample[] = [];
for (const name of ['time-dev', 'scifact', 'cranfield']) {
  const dir = join(values.datasets as string, name);
  const { engine } = await openCachedIndex(name, join(dir, 'corpus.jsonl'), 'q8');
  const qrels = parseQrels(readFileSync(join(dir, 'qrels.tsv'), 'utf8'));
  const queries = readQueries(join(dir, 'queries.jsonl')).filter((q) => qrels.has(q.id));
  const before = samples.length;
  for (const q of queries) {
    const { hits } = await engine.search({ query: q.text, k: 20, passagesPerArticle: 1 });
    const judged = qrels.get(q.id);
    for (const h of hits) {
      samples.push({
        x: [h.scores.dense ?? 0, h.scores.coverage],
        y: (judged?.get(h.articleId) ?? 0) > 0 ? 1 : 0,
        w: 1,
        collection: name,
      });
    }
  }
  const n = samples.length - before;
  for (const s of samples.slice(before)) s.w = 1000 / n; // each collection counts the same
  await engine.close();
}

// Newton's method (IRLS) for weighted logistic regression with features [1, cosine, coverage].
const beta = new Float64Array(3);
const at = (a: ArrayLike<number>, i: number): number => a[i] ?? 0;
for (let iter = 0; iter < 50; iter++) {
  const g = new Float64Array(3);
  const h = [new Float64Array(3), new Float64Array(3), new Float64Array(3)] as const;
  for (const s of samples) {
    const f = [1, s.x[0], s.x[1]];
    const z = at(beta, 0) + at(beta, 1) * s.x[0] + at(beta, 2) * s.x[1];
    const p = 1 / (1 + Math.exp(-z));
    for (let i = 0; i < 3; i++) {
      g[i] = at(g, i) + s.w * (s.y - p) * at(f, i);
      const row = h[i as 0 | 1 | 2];
      for (let j = 0; j < 3; j++) row[j] = at(row, j) + s.w * p * (1 - p) * at(f, i) * at(f, j);
    }
  }
  // Solve h · d = g (3×3, Cramer's rule) and step.
  const det = (m: ReadonlyArray<ArrayLike<number>>) => {
    const [a, b, c] = [m[0] ?? [], m[1] ?? [], m[2] ?? []];
    return (
      at(a, 0) * (at(b, 1) * at(c, 2) - at(b, 2) * at(c, 1)) -
      at(a, 1) * (at(b, 0) * at(c, 2) - at(b, 2) * at(c, 0)) +
      at(a, 2) * (at(b, 0) * at(c, 1) - at(b, 1) * at(c, 0))
    );
  };
  const d0 = det(h);
  const d = [0, 1, 2].map(
    (col) => det(h.map((row, r) => Array.from(row, (v, j) => (j === col ? at(g, r) : v)))) / d0,
  );
  for (let i = 0; i < 3; i++) beta[i] = at(beta, i) + at(d, i);
  if (Math.max(...d.map(Math.abs)) < 1e-9) break;
}
console.log(
  `fitted: { bias: ${at(beta, 0).toFixed(2)}, cosine: ${at(beta, 1).toFixed(2)}, coverage: ${at(beta, 2).toFixed(2)} }`,
);
console.log('shipped model, per collection (top-20 hits of every judged query):');
for (const name of ['time-dev', 'scifact', 'cranfield']) {
  const mine = samples.filter((s) => s.collection === name);
  const above = mine.filter((s) => relevance(s.x[0], s.x[1]) >= GOOD_MATCH);
  const relevantAbove = above.filter((s) => s.y === 1).length;
  const relevant = mine.filter((s) => s.y === 1).length;
  console.log(
    `${name.padEnd(10)} hits ${mine.length}, relevant ${relevant}; relevance ≥ ${GOOD_MATCH}: ${above.length} hits, precision ${(relevantAbove / Math.max(1, above.length)).toFixed(3)}, recall ${(relevantAbove / Math.max(1, relevant)).toFixed(3)}`,
  );
}
