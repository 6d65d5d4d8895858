/**
 * How many kNN candidates the Elasticsearch backend should ask each shard for: recall of the
 * approximate top k against exact search over the same stored vectors, and latency, for a few
 * candidates-per-k factors, on the SciFact index built by `npm run bench -- --backend elasticsearch`.
 */

import { openElasticsearchBackend } from '../src/backends/elasticsearch/index.js';
import type { SearchEngine } from '../src/index.js';
import { fmt, percentile, table } from './lib.js';

export async function knnCandidatesSweep(
  engine: SearchEngine,
  esUrl: string,
  namespace: string,
  queries: string[],
): Promise<Record<string, unknown>> {
  const embedder = await (async () => {
    const { createTransformersEmbedder } = await import('../src/embed/index.js');
    const { resolveConfig } = await import('../src/index.js');
    return createTransformersEmbedder({ cacheDir: resolveConfig({}).modelCacheDir, dtype: 'q8' });
  })();
  const probe = await openElasticsearchBackend({ url: esUrl, namespace });
  const stats = await engine.stats();
  // Passage ids are handed out from 1 upwards; read every stored vector for the exact baseline.
  const vectors = new Map<number, Float32Array>();
  const maxId = (await probe.store.generation()) > 0 ? stats.passages * 3 + 10 : 0;
  for (let from = 1; from <= maxId && vectors.size < stats.passages; from += 1000) {
    const ids = Array.from({ length: 1000 }, (_, i) => from + i);
    for (const [id, v] of await probe.store.getEmbeddings(ids)) vectors.set(id, v);
  }
  await probe.store.close();
  const queryVectors = await Promise.all(queries.map((q) => embedder.embedQuery(q)));
  await embedder.dispose();
  const exactTop = (q: Float32Array, k: number) => {
    const scored: Array<[number, number]> = [];
    for (const [id, v] of vectors) {
      let s = 0;
      for (let i = 0; i < v.length; i++) s += (v[i] as number) * (q[i] as number);
      scored.push([id, s]);
    }
    return new Set(
      scored
        .sort((a, b) => b[1] - a[1])
        .slice(0, k)
        .map(([id]) => id),
    );
  };
  const rows: Array<Array<string | number>> = [];
  const out: Record<string, unknown> = { vectors: vectors.size };
  for (const k of [10, 100, 1000]) {
    const truth = queryVectors.map((q) => exactTop(q, k));
    for (const perK of [1, 1.5, 2, 4]) {
      const backend = await openElasticsearchBackend({ url: esUrl, namespace, knnCandidatesPerK: perK });
      const ms: number[] = [];
      let found = 0;
      for (const [i, q] of queryVectors.entries()) {
        const t = performance.now();
        const hits = await backend.vectorIndex.search(q, k);
        ms.push(performance.now() - t);
        const want = truth[i] as Set<number>;
        found += hits.filter((h) => want.has(h.id)).length;
      }
      await backend.store.close();
      const recall = found / (k * queryVectors.length);
      rows.push([
        k,
        perK,
        Math.min(10_000, Math.ceil(k * perK)),
        fmt(recall, 4),
        fmt(percentile(ms, 50), 2),
        fmt(percentile(ms, 99), 2),
      ]);
      out[`k${k}x${perK}`] = { recall, p50: percentile(ms, 50), p99: percentile(ms, 99) };
    }
  }
  table(
    `Elasticsearch kNN: recall vs exact over the same ${vectors.size} vectors (${queryVectors.length} SciFact queries)`,
    ['k', 'candidates/k', 'num_candidates', 'recall@k', 'p50 ms', 'p99 ms'],
    rows,
  );
  return out;
}
