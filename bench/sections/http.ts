/** Query latency over HTTP: `semsearch serve` on the SciFact index in its own process, sequential. */
import type { ChildProcess } from 'node:child_process';
import { percentile, startServeProcess, table } from '../lib.js';
import type { BenchContext } from './context.js';
import { latencyRow } from './query.js';

/** The path of a search for `question`, as the load and latency runs ask it. */
export const searchPath = (question: string) => `/v1/search?q=${encodeURIComponent(question)}&k=10`;

/** The SciFact index's folder, with the bench's own engine on it closed (a server opens it). */
export async function scifactIndexDir(ctx: BenchContext): Promise<string> {
  const indexDir = (await (await ctx.scifact()).stats()).indexDir;
  await ctx.closeScifact();
  return indexDir;
}

/** `semsearch serve` on the SciFact index in its own process, ready, and warmed by `warmUp` searches. */
export async function startBenchServer(
  ctx: BenchContext,
  indexDir: string,
  extra: string[],
  env: Record<string, string> = {},
  warmUp: readonly string[] = ctx.scifactQueries.slice(0, 10).map((q) => q.text),
): Promise<{ url: string; child: ChildProcess }> {
  const { where } = ctx;
  const { url, child } = await startServeProcess(
    [
      '--index',
      indexDir,
      ...extra,
      ...(where.backend === 'elasticsearch'
        ? ['--backend', 'elasticsearch', '--es-url', where.esUrl ?? '']
        : []),
    ],
    { SEMSEARCH_ES_INDEX: 'eval-scifact-q8', ...env },
  );
  for (const question of warmUp) await (await fetch(url + searchPath(question))).arrayBuffer();
  return { url, child };
}

export async function stopBenchServer(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

export async function httpSection(ctx: BenchContext): Promise<void> {
  const indexDir = await scifactIndexDir(ctx);
  const { url, child } = await startBenchServer(ctx, indexDir, []);
  const totals: number[] = [];
  for (const q of ctx.scifactQueries) {
    const t = performance.now();
    const res = await fetch(url + searchPath(q.text));
    await res.arrayBuffer();
    totals.push(performance.now() - t);
  }
  await stopBenchServer(child);
  table(
    'Query latency over HTTP, sequential, warm (ms)',
    ['collection', 'queries', 'p50', 'p95', 'p99', '–'],
    [latencyRow('SciFact', totals)],
  );
  ctx.report.httpLatency = {
    p50: percentile(totals, 50),
    p95: percentile(totals, 95),
    p99: percentile(totals, 99),
  };
}
