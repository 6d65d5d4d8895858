/**
 * Query latency at scale: the 100k-passage corpus of bench/indexes.ts openScaleIndex, BM25 from
 * FTS5 or in memory, each with the query-embedding cache off and then asked again with it on.
 */
import { join } from 'node:path';
import { createSearchEngine, readQueries } from '../../src/index.js';
import { openScaleIndex, SCALE_CHUNK_TOKENS } from '../indexes.js';
import { fmt, percentile, table } from '../lib.js';
import type { BenchContext } from './context.js';
import { latencyPass, latencyRow, summary } from './query.js';

export async function scaleSection(ctx: BenchContext): Promise<void> {
  const opened = await openScaleIndex(ctx.datasets);
  const built = opened.build;
  const stats = await opened.engine.stats();
  console.log(
    `\nScale corpus: ${stats.articles} articles, ${stats.passages} passages (SciFact, State of the Union, time-dev, Cranfield at ${SCALE_CHUNK_TOKENS} tokens); built ${opened.builtNow ? 'now' : 'earlier'} in ${fmt(built.seconds)} s = ${fmt(stats.passages / built.seconds)} passages/s, embedding included, peak RSS of the bench process by then ${fmt(built.peakRssMiB, 0)} MiB`,
  );
  const questions = [
    ...readQueries(join(ctx.datasets, 'time-dev', 'queries.jsonl')),
    ...ctx.scifactQueries,
    ...readQueries(join(ctx.datasets, 'cranfield', 'queries.jsonl')),
  ].map((q) => q.text);
  await opened.engine.close();
  // One engine per setting, each warmed on the same five questions: BM25 from FTS5 (what a
  // one-shot `ask` uses) or from the in-memory index (what `serve`, `mcp` and the search
  // workers build on warm-up), each with the query cache off and then asked again with it on.
  const rows: Array<Array<string | number>> = [];
  const out: Record<string, unknown> = { passages: stats.passages, buildSeconds: built.seconds };
  for (const lexical of ['fts5', 'memory'] as const) {
    for (const cacheSize of [0, 1024]) {
      const engine = await createSearchEngine({
        indexDir: opened.indexDir,
        dtype: 'q8',
        logLevel: 'error',
        chunkMaxTokens: SCALE_CHUNK_TOKENS,
        queryCacheSize: cacheSize,
      });
      const rss = process.memoryUsage().rss;
      const t = performance.now();
      await engine.warmUp({ lexical: lexical === 'memory' });
      const warmSeconds = (performance.now() - t) / 1000;
      const warmRssMiB = (process.memoryUsage().rss - rss) / 2 ** 20;
      const first = await latencyPass(engine, questions, 1);
      const name = `BM25 ${lexical === 'memory' ? 'in memory' : 'FTS5'}, ${cacheSize === 0 ? 'no query cache' : 'asked again (query cache)'}`;
      const pass = cacheSize === 0 ? first : await latencyPass(engine, questions, 1, false);
      rows.push(latencyRow(`100k (${stats.passages} passages), ${name}`, pass.totals, pass.parts));
      out[`${lexical}${cacheSize === 0 ? 'NoCache' : 'QueryCache'}`] = {
        ...summary(pass.totals),
        parts: Object.fromEntries(Object.entries(pass.parts).map(([k, v]) => [k, percentile(v, 50)])),
        warmSeconds,
        warmRssMiB,
      };
      if (lexical === 'memory' && cacheSize === 0) {
        console.log(
          `\nIn-memory BM25 at 100k: model load and index build ${fmt(warmSeconds)} s, RSS +${fmt(warmRssMiB, 0)} MiB`,
        );
      }
      await engine.close();
    }
  }
  table(
    `Query latency at scale, in process, warm, hybrid, k=10, ${questions.length} questions (time-dev, SciFact, Cranfield) (ms)`,
    ['collection', 'queries', 'p50', 'p95', 'p99', 'p50 parts'],
    rows,
  );
  ctx.report.scale = out;
}
