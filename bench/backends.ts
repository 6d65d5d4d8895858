/**
 * `npx tsx bench/backends.ts [--collection time-dev] [--reps 3]`: query latency (hybrid, k = 10,
 * warm, in process) on the embedded backend and on the Elasticsearch test cluster, side by side,
 * over the same cached collection (build both first with `npm run eval -- --only <collection>`
 * and `npm run eval -- --only <collection> --backend elasticsearch --copy-from-embedded`).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readQueries } from '../src/index.js';
import { type BenchBackend, DEFAULT_DATASETS, fmt, openCachedIndex, percentile, table } from './lib.js';

const { values } = parseArgs({
  options: {
    collection: { type: 'string', default: 'time-dev' },
    reps: { type: 'string', default: '3' },
    'es-url': { type: 'string', default: 'http://127.0.0.1:9201' },
  },
});
const name = values.collection as string;
const dir = join(DEFAULT_DATASETS, name);
const queries = readQueries(join(dir, 'queries.jsonl')).map((q) => q.text);
const rows: Array<Array<string | number>> = [];
const backends: BenchBackend[] = [
  { backend: 'embedded' },
  { backend: 'elasticsearch', esUrl: values['es-url'], copyFromEmbedded: true },
];
for (const where of backends) {
  const { engine } = await openCachedIndex(name, join(dir, 'corpus.jsonl'), 'q8', false, where);
  for (const q of queries.slice(0, 5)) await engine.search({ query: q }); // warm-up
  const totals: number[] = [];
  for (let r = 0; r < Number(values.reps); r++) {
    for (const q of queries) totals.push((await engine.search({ query: q, k: 10 })).timings.totalMs);
  }
  const stats = await engine.stats();
  rows.push([
    where.backend,
    stats.passages,
    totals.length,
    fmt(percentile(totals, 50), 1),
    fmt(percentile(totals, 99), 1),
  ]);
  await engine.close();
}
table(
  `Query latency, ${name}, hybrid, k=10, warm, in process (ms)`,
  ['backend', 'passages', 'queries', 'p50', 'p99'],
  rows,
);
