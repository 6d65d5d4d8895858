/** Query latency in process: the seeds and SciFact, warm, with the parts of each search. */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createSearchEngine, type SearchEngine } from '../../src/index.js';
import { fmt, percentile, ROOT, table } from '../lib.js';
import type { BenchContext } from './context.js';

export const latencyRow = (name: string, totals: number[], parts?: Record<string, number[]>) => [
  name,
  totals.length,
  fmt(percentile(totals, 50), 2),
  fmt(percentile(totals, 95), 2),
  fmt(percentile(totals, 99), 2),
  parts
    ? Object.entries(parts)
        .map(([k, v]) => `${k} ${fmt(percentile(v, 50), 2)}`)
        .join(' · ')
    : '–',
];

/** Latencies of a warm pass over `qs` (`reps` times), with the parts of each search. */
export async function latencyPass(engine: SearchEngine, qs: string[], reps: number, warmUp = true) {
  const totals: number[] = [];
  const parts: Record<string, number[]> = { embed: [], dense: [], lexical: [], fusion: [] };
  if (warmUp) for (const q of qs.slice(0, 5)) await engine.search({ query: q }); // warm-up
  for (let r = 0; r < reps; r++) {
    for (const q of qs) {
      const { timings } = await engine.search({ query: q, k: 10 });
      totals.push(timings.totalMs);
      parts.embed?.push(timings.embedMs);
      parts.dense?.push(timings.denseMs);
      parts.lexical?.push(timings.lexicalMs);
      parts.fusion?.push(timings.fusionMs);
    }
  }
  return { totals, parts };
}
export const summary = (t: number[]) => ({
  p50: percentile(t, 50),
  p95: percentile(t, 95),
  p99: percentile(t, 99),
});

export async function querySection(ctx: BenchContext): Promise<void> {
  const rows: Array<Array<string | number>> = [];
  const seedDir = join(ROOT, '.cache', 'bench-seeds');
  rmSync(seedDir, { recursive: true, force: true });
  const seeds = await createSearchEngine({ indexDir: seedDir, logLevel: 'error', queryCacheSize: 0 });
  await seeds.ingestPaths([join(ROOT, 'seeds')]);
  const seedQuestions = readFileSync(join(ROOT, 'test', 'fixtures', 'questions.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { q: string }).q);
  const s = await latencyPass(seeds, seedQuestions, 20);
  rows.push(
    latencyRow(`seeds (${(await seeds.stats()).passages} passages), no query cache`, s.totals, s.parts),
  );
  await seeds.close();
  rmSync(seedDir, { recursive: true, force: true });
  const indexDir = (await (await ctx.scifact()).stats()).indexDir;
  const questions = ctx.scifactQueries.map((q) => q.text);
  const sciFact: Record<string, ReturnType<typeof summary>> = {};
  // Every SciFact question is distinct, so the first pass misses the query cache; the second hits.
  for (const lexical of ['fts5', 'memory'] as const) {
    const engine = await createSearchEngine({ indexDir, dtype: 'q8', logLevel: 'error' });
    await engine.warmUp({ lexical: lexical === 'memory' });
    const f = await latencyPass(engine, questions, 1);
    const cached = await latencyPass(engine, questions, 1, false);
    const passages = (await engine.stats()).passages;
    const bm25 = lexical === 'memory' ? 'BM25 in memory' : 'BM25 FTS5';
    rows.push(latencyRow(`SciFact (${passages} passages), ${bm25}, first asking`, f.totals, f.parts));
    rows.push(
      latencyRow(
        `SciFact (${passages} passages), ${bm25}, asked again (query cache)`,
        cached.totals,
        cached.parts,
      ),
    );
    sciFact[`${lexical}First`] = summary(f.totals);
    sciFact[`${lexical}QueryCache`] = summary(cached.totals);
    await engine.close();
  }
  table(
    'Query latency in process, warm, hybrid, k=10 (ms)',
    ['collection', 'queries', 'p50', 'p95', 'p99', 'p50 parts'],
    rows,
  );
  ctx.report.queryLatency = { seeds: summary(s.totals), scifact: sciFact };
}
