/**
 * `npx tsx bench/backends.ts [--collection time-dev] [--reps 3] [--no-ingest]`: query latency
 * (hybrid, k = 10, warm, in process) on the embedded backend and on the Elasticsearch test
 * cluster, side by side, over the same cached collection (build both first with `npm run eval --
 * --only <collection>` and `npm run eval -- --only <collection> --backend elasticsearch
 * --copy-from-embedded`); then the write rate of each backend: the cached collection's
 * passages and vectors written into an empty index of either kind (no embedding).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openElasticsearchBackend } from '../src/backends/elasticsearch/index.js';
import { openEmbeddedBackend } from '../src/backends/embedded/index.js';
import { readQueries } from '../src/index.js';
import { copyEmbeddedIndex } from './copy-index.js';
import { type BenchBackend, openCachedIndex } from './indexes.js';
import { DEFAULT_DATASETS, fmt, percentile, ROOT, table } from './lib.js';

const { values } = parseArgs({
  options: {
    collection: { type: 'string', default: 'time-dev' },
    reps: { type: 'string', default: '3' },
    'es-url': { type: 'string', default: 'http://127.0.0.1:9201' },
    'no-ingest': { type: 'boolean', default: false },
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
  // Where the time goes: the question's embedding, the two kNN searches (feedback), BM25, and
  // the rest (fusion plus the reads of passages, vectors and the generation).
  const parts = {
    embed: [] as number[],
    dense: [] as number[],
    lexical: [] as number[],
    rest: [] as number[],
  };
  for (let r = 0; r < Number(values.reps); r++) {
    for (const q of queries) {
      const t = (await engine.search({ query: q, k: 10 })).timings;
      totals.push(t.totalMs);
      parts.embed.push(t.embedMs);
      parts.dense.push(t.denseMs);
      parts.lexical.push(t.lexicalMs);
      parts.rest.push(t.totalMs - t.embedMs - t.denseMs - t.lexicalMs);
    }
  }
  const stats = await engine.stats();
  rows.push([
    where.backend,
    stats.passages,
    totals.length,
    fmt(percentile(totals, 50), 1),
    fmt(percentile(totals, 99), 1),
    ...Object.values(parts).map((v) => fmt(percentile(v, 50), 1)),
  ]);
  await engine.close();
}
table(
  `Query latency, ${name}, hybrid, k=10, warm, in process (ms)`,
  ['backend', 'passages', 'queries', 'p50', 'p99', 'embed p50', 'kNN p50', 'BM25 p50', 'rest p50'],
  rows,
);

if (!values['no-ingest']) {
  const cached = join(ROOT, '.cache', 'eval', `${name}-q8`);
  const scratch = join(ROOT, '.cache', 'bench-copy');
  rmSync(scratch, { recursive: true, force: true });
  const esDst = await openElasticsearchBackend({
    url: values['es-url'] as string,
    namespace: `bench-copy-${name}`,
  });
  await esDst.store.drop();
  const copies = [
    ['embedded (SQLite, FTS5, HNSW)', await copyEmbeddedIndex(cached, openEmbeddedBackend({ dir: scratch }))],
    ['elasticsearch (bulk, 3 shards + 1 replica)', await copyEmbeddedIndex(cached, esDst)],
  ] as const;
  const cleanup = await openElasticsearchBackend({
    url: values['es-url'] as string,
    namespace: `bench-copy-${name}`,
  });
  await cleanup.store.drop();
  await cleanup.store.close();
  rmSync(scratch, { recursive: true, force: true });
  table(
    `Writing ${name}'s passages and vectors into an empty index (no embedding)`,
    ['backend', 'articles', 'passages', 'seconds', 'passages/s'],
    copies.map(([backend, c]) => [
      backend,
      c.articles,
      c.passages,
      fmt(c.seconds, 1),
      fmt(c.passages / c.seconds, 0),
    ]),
  );
}
