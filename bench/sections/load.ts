/**
 * HTTP load: GET /v1/search on the SciFact index, `semsearch serve` in its own process, the load
 * generator (autocannon, bench/third-party/autocannon.ts) in this one, at 1, 16 and 64
 * connections. Every search pays for its embedding: the questions are the distinct ones of the
 * three judged sets (time-dev, SciFact, Cranfield), shuffled into one sequence that all
 * connections take the next question from, and the server runs with the query-embedding cache
 * off (`SEMSEARCH_QUERY_CACHE=0`), so a question that comes round again is embedded again.
 *
 * Beside each run: the server's CPU per answered search (its utime + stime from /proc before
 * and after the run), against the CPU of embedding one of the same questions in this process
 * (process.cpuUsage over all of them, before and after the runs), and what the machine's cores
 * allow at that cost. Then one run of the default server at 16 connections once every question
 * has been asked, so that each embedding comes from its query cache: what a search costs
 * besides its model.
 */
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { createTransformersEmbedder } from '../../src/embed/index.js';
import { readQueries } from '../../src/index.js';
import { cpuMsOfPid, fmt, rssOfPid, table } from '../lib.js';
import { importThirdParty } from '../packages.js';
import { embeddedQueryText } from '../peers-semsearch.js';
import type { BenchContext } from './context.js';
import { scifactIndexDir, searchPath, startBenchServer, stopBenchServer } from './http.js';

export interface LoadRunOptions {
  url: string;
  connections: number;
  seconds: number;
  /** The path of the next request (each request takes a new one). */
  nextPath: () => string;
}

export interface LoadRunResult {
  /** Responses received. */
  responses: number;
  /** 2xx answers. */
  answered: number;
  /** 503: the server's admission turned the request away. */
  shed: number;
  /** Connection errors and timeouts, and answers other than 2xx and 503. */
  errors: number;
  timeouts: number;
  p50Ms: number;
  p99Ms: number;
}

/** What bench/third-party/autocannon.ts exports. */
export interface LoadGenerator {
  runLoad(options: LoadRunOptions): Promise<LoadRunResult>;
}

export const LOAD_CONNECTIONS = [1, 16, 64] as const;
/** Unmeasured seconds at a few connections after the server starts (JIT, the workers' arenas). */
const WARM_UP_SECONDS = 3;
/** Pause before each measured run, for the searches of the one before to finish. */
const SETTLE_MS = 2000;

/** The distinct questions of the judged sets, in one seeded shuffle. */
export function loadQuestions(datasets: string): string[] {
  const texts = ['time-dev', 'scifact', 'cranfield'].flatMap((name) =>
    readQueries(join(datasets, name, 'queries.jsonl')).map((q) => q.text.trim()),
  );
  const distinct = [...new Set(texts)];
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let i = distinct.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [distinct[i], distinct[j]] = [distinct[j] as string, distinct[i] as string];
  }
  return distinct;
}

/** CPU ms (all threads of this process) of embedding one question, over all of `questions`. */
async function embeddingCpuMs(ctx: BenchContext, questions: readonly string[]): Promise<number> {
  const embedder = await createTransformersEmbedder({ cacheDir: ctx.cacheDir, dtype: 'q8' });
  try {
    const texts = questions.map(embeddedQueryText);
    for (const text of texts.slice(0, 20)) await embedder.embedQuery(text); // warm-up
    const before = process.cpuUsage();
    for (const text of texts) await embedder.embedQuery(text);
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000 / texts.length;
  } finally {
    await embedder.dispose();
  }
}

interface LoadRow extends LoadRunResult {
  /** Which server: the query cache off, or on with every question's embedding in it. */
  server: string;
  connections: number;
  seconds: number;
  answeredPerSecond: number;
  serverCpuMsPerSearch: number;
  /** Server CPU per search over the CPU of embedding one question. */
  embeddingRatio: number;
  /** cores × 1000 / server CPU ms per search. */
  coresAllowPerSecond: number;
  /** answered a second over what the cores allow. */
  fractionOfCores: number;
  /** This process's CPU (the load generator) over the run, in cores. */
  generatorCores: number;
  rssBeforeMiB: number;
  rssAfterMiB: number;
}
type Measured = Omit<LoadRow, 'embeddingRatio' | 'coresAllowPerSecond' | 'fractionOfCores'>;

/** One load run against the server `pid`, with its CPU and this process's over the run. */
async function measureRun(
  runLoad: LoadGenerator['runLoad'],
  pid: number,
  server: string,
  options: LoadRunOptions,
): Promise<Measured> {
  const { connections, seconds } = options;
  const rssBeforeMiB = rssOfPid(pid);
  const serverCpu = cpuMsOfPid(pid);
  const ownCpu = process.cpuUsage();
  const run = await runLoad(options);
  const own = process.cpuUsage(ownCpu);
  const serverCpuMs = cpuMsOfPid(pid) - serverCpu;
  if (run.errors > 0) {
    console.error(
      `load ${connections}: ${run.errors} errors (${run.timeouts} timeouts), ${run.shed} shed, ${run.responses} responses`,
    );
  }
  return {
    server,
    connections,
    seconds,
    ...run,
    answeredPerSecond: run.answered / seconds,
    serverCpuMsPerSearch: serverCpuMs / run.answered,
    generatorCores: (own.user + own.system) / 1000 / (seconds * 1000),
    rssBeforeMiB,
    rssAfterMiB: rssOfPid(pid),
  };
}

export async function loadSection(ctx: BenchContext): Promise<void> {
  const { runLoad } = await importThirdParty<LoadGenerator>('autocannon.ts');
  const seconds = ctx.loadSeconds;
  const cores = availableParallelism();
  const questions = loadQuestions(ctx.datasets);
  const loadBefore = loadavg()[0] as number;
  const embedBefore = await embeddingCpuMs(ctx, questions);
  const indexDir = await scifactIndexDir(ctx);
  let asked = 0;
  const nextPath = () => searchPath(questions[asked++ % questions.length] as string);

  // The figures: every search embeds its question.
  const measured: Measured[] = [];
  const off = await startBenchServer(ctx, indexDir, [], { SEMSEARCH_QUERY_CACHE: '0' });
  const pid = off.child.pid as number;
  await runLoad({ url: off.url, connections: 4, seconds: WARM_UP_SECONDS, nextPath });
  const rssStart = rssOfPid(pid);
  for (const connections of LOAD_CONNECTIONS) {
    // Each run starts on an idle server: the searches of the run before, still finishing when
    // its connections closed, took the places of the next run's first ones.
    await setTimeout(SETTLE_MS);
    measured.push(
      await measureRun(runLoad, pid, 'query cache off', { url: off.url, connections, seconds, nextPath }),
    );
  }
  const rssGrowthMiB = rssOfPid(pid) - rssStart;
  await stopBenchServer(off.child);
  // What a search costs besides its embedding: the default server, once every question has
  // been asked (so each embedding comes from its query cache), at 16 connections.
  const cached = await startBenchServer(ctx, indexDir, [], {}, questions);
  measured.push(
    await measureRun(runLoad, cached.child.pid as number, 'every embedding cached', {
      url: cached.url,
      connections: 16,
      seconds,
      nextPath,
    }),
  );
  await stopBenchServer(cached.child);
  const embedAfter = await embeddingCpuMs(ctx, questions);
  const embedMs = (embedBefore + embedAfter) / 2;
  const loadAverage = [loadBefore, loadavg()[0] as number];

  const runs: LoadRow[] = measured.map((m) => {
    const coresAllow = (cores * 1000) / m.serverCpuMsPerSearch;
    return {
      ...m,
      embeddingRatio: m.serverCpuMsPerSearch / embedMs,
      coresAllowPerSecond: coresAllow,
      fractionOfCores: m.answeredPerSecond / coresAllow,
    };
  });
  printLoad(runs, {
    seconds,
    cores,
    questions: questions.length,
    asked,
    embedMs,
    embedBefore,
    embedAfter,
    loadAverage,
  });
  console.log(`RSS growth over the load runs of one server: ${fmt(rssGrowthMiB, 0)} MiB (bound: 200 MiB)`);
  ctx.report.load = {
    method:
      'distinct questions (time-dev, SciFact, Cranfield) in one shared sequence, server query cache off; server CPU from /proc, embedding CPU from process.cpuUsage in the bench process',
    cores,
    questions: questions.length,
    requestsAsked: asked,
    loadAverage,
    embeddingCpuMsPerQuestion: { before: embedBefore, after: embedAfter, mean: embedMs },
    runs,
    rssGrowthMiB,
    rssGrowthBoundMiB: 200,
  };
}

function printLoad(
  runs: readonly LoadRow[],
  o: {
    seconds: number;
    cores: number;
    questions: number;
    asked: number;
    embedMs: number;
    embedBefore: number;
    embedAfter: number;
    /** The machine's 1-minute load average before and after (other work shares the cores). */
    loadAverage: number[];
  },
): void {
  table(
    `HTTP load, GET /v1/search on SciFact, ${o.questions} distinct questions, ${o.seconds} s a run (load average ${o.loadAverage.map((l) => fmt(l, 1)).join(' → ')})`,
    [
      'server',
      'connections',
      'answered/s',
      'p50 ms',
      'p99 ms',
      'errors',
      'timeouts',
      'shed (503)',
      'server CPU ms/search',
      '× embedding',
      `${o.cores} cores allow /s`,
      'fraction',
      'generator cores',
      'RSS MiB',
    ],
    runs.map((r) => [
      r.server,
      r.connections,
      fmt(r.answeredPerSecond),
      fmt(r.p50Ms, 0),
      fmt(r.p99Ms, 0),
      r.errors,
      r.timeouts,
      r.shed,
      fmt(r.serverCpuMsPerSearch, 2),
      fmt(r.embeddingRatio, 2),
      fmt(r.coresAllowPerSecond, 0),
      fmt(r.fractionOfCores, 2),
      fmt(r.generatorCores, 2),
      `${fmt(r.rssBeforeMiB, 0)} → ${fmt(r.rssAfterMiB, 0)}`,
    ]),
  );
  console.log(
    `Embedding one question, q8, in this process: ${fmt(o.embedMs, 2)} ms of CPU (${fmt(o.embedBefore, 2)} before the runs, ${fmt(o.embedAfter, 2)} after); ${o.asked} requests asked ${o.questions} questions in turn.`,
  );
  const at16 = runs.find((r) => r.connections === 16 && r.server === 'query cache off');
  const at64 = runs.find((r) => r.connections === 64);
  if (at16 && at64) {
    console.log(
      `Targets: CPU per search ≤ 2 × one embedding: ${fmt(at16.embeddingRatio, 2)}× at 16 connections; ` +
        `at 16 connections ≥ 0.8 of what ${o.cores} cores allow: ${fmt(at16.fractionOfCores, 2)}; ` +
        `at 64, p99 ≤ 1000 ms: ${fmt(at64.p99Ms, 0)} ms, none dropped: ${at64.errors + at64.shed} dropped.`,
    );
  }
}
