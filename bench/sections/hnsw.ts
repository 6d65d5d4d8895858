/**
 * HNSW recall@10 and speed against exact search, at SciFact scale (its passage vectors) and at
 * 100k (SciFact vectors plus Gaussian noise, renormalized: the vector part only).
 */
import {
  createExactIndex,
  createHnswIndex,
  createSqliteStore,
  HNSW_EF_SEARCH,
} from '../../src/backends/embedded/index.js';
import { createTransformersEmbedder } from '../../src/embed/index.js';
import { fmt, table, timed } from '../lib.js';
import type { BenchContext } from './context.js';

export async function hnswSection(ctx: BenchContext): Promise<void> {
  const engine = await ctx.scifact();
  const embedder = await createTransformersEmbedder({ cacheDir: ctx.cacheDir, dtype: 'q8' });
  const queryVectors: Float32Array[] = [];
  for (const q of ctx.scifactQueries) queryVectors.push(await embedder.embedQuery(q.text));
  await embedder.dispose();
  const store = createSqliteStore({ dir: (await engine.stats()).indexDir, mustExist: true });
  const vectors: Array<{ id: number; embedding: Float32Array }> = [...store.source.allEmbeddings()];
  await store.close();

  const rows: Array<Array<string | number>> = [];
  const hnswReport: unknown[] = [];
  const measure = async (
    label: string,
    items: Array<{ id: number; embedding: Float32Array }>,
    efs: number[],
  ) => {
    const exact = createExactIndex(384);
    for (const v of items) exact.add(v.id, v.embedding);
    const exactRun = await timed(() => queryVectors.map((q) => exact.search(q, 10).map((h) => h.id)));
    const truth = exactRun.value;
    const build = await timed(() => {
      const index = createHnswIndex({ dimension: 384 }, items.length);
      for (const v of items) index.add(v.id, v.embedding);
      return index;
    });
    rows.push([
      label,
      'exact (brute force)',
      '–',
      '1.000',
      fmt(queryVectors.length / (exactRun.ms / 1000), 0),
      fmt(exactRun.ms / queryVectors.length, 2),
    ]);
    for (const ef of efs) {
      build.value.setEfSearch(ef);
      const run = await timed(() => queryVectors.map((q) => build.value.search(q, 10).map((h) => h.id)));
      const recall =
        run.value.reduce((s, ids, i) => s + ids.filter((id) => truth[i]?.includes(id)).length / 10, 0) /
        queryVectors.length;
      rows.push([
        label,
        `HNSW ef=${ef}${ef === HNSW_EF_SEARCH ? ' (shipped)' : ''}`,
        fmt(build.ms / 1000, 1),
        fmt(recall, 3),
        fmt(queryVectors.length / (run.ms / 1000), 0),
        fmt(run.ms / queryVectors.length, 3),
      ]);
      hnswReport.push({
        label,
        ef,
        recall,
        qps: queryVectors.length / (run.ms / 1000),
        buildSeconds: build.ms / 1000,
      });
    }
  };
  await measure(`SciFact ${vectors.length}`, vectors, [16, 32, 64, 128, 256]);
  // 100k: SciFact passage vectors plus Gaussian noise, renormalized (the vector part only).
  let seed = 1;
  const gauss = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const u = (seed + 1) / (2 ** 31 + 1);
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const v = (seed + 1) / (2 ** 31 + 1);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const big: Array<{ id: number; embedding: Float32Array }> = [];
  for (let i = 0; big.length < 100_000; i++) {
    const base = vectors[i % vectors.length]?.embedding as Float32Array;
    const v = base.map((x) => x + 0.03 * gauss());
    const n = Math.hypot(...v);
    big.push({ id: big.length + 1, embedding: v.map((x) => x / n) });
  }
  await measure('synthetic 100k', big, [64, 128, 256]);
  table(
    'HNSW vs exact search: recall@10 and speed (SciFact query vectors; M=16, efConstruction=200)',
    ['vectors', 'method', 'build s', 'recall@10', 'queries/s', 'ms/query'],
    rows,
  );
  ctx.report.hnsw = hnswReport;
}
