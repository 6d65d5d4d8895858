/**
 * semsearch beside other embeddable search engines, in one run, on the same passages and the
 * same vectors: the cached evaluation indexes (.cache/eval) give the passages and their stored
 * q8 embeddings; each question is embedded once by semsearch's embedder and the vector shared.
 *
 *   npx tsx bench/peers.ts [--collections scifact,time-dev] [--datasets DIR] [--json FILE]
 *   npm run bench -- --only peers
 *
 * Systems: semsearch hybrid (timed with and without its query embedding), exact dense brute
 * force, Orama 3.1 hybrid, LanceDB hybrid, SQLite FTS5 + sqlite-vec with RRF (qmd's design).
 * Quality is nDCG@10 at article level (the best passage stands for its article), scored by
 * src/evaluation against the same qrels as `npm run eval`, at its depth of 1,000 passages a
 * list. Latency: the quietest of three sequential passes at the depth `search` uses for a page
 * of ten, with the process's CPU time per question beside the wall clock (the machine is shared).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createExactIndex } from '../src/backends/embedded/index.js';
import { createTransformersEmbedder, type Embedder } from '../src/embed/index.js';
import {
  meanMetrics,
  parseQrels,
  type QueryMetrics,
  readQueries,
  scoreQuery,
} from '../src/evaluation/index.js';
import { createSearchEngine, resolveConfig } from '../src/index.js';
import { DENSE_CANDIDATES } from '../src/search/index.js';
import { cachedIndexAsBuilt } from './indexes.js';
import { DEFAULT_DATASETS, fmt, percentile, ROOT, table } from './lib.js';
import type { PeerPassage, PeerQuery, PeerSystem } from './peers-common.js';
import { lancedbPeer } from './peers-lancedb.js';
import { oramaPeer } from './peers-orama.js';
import {
  buildSemsearchIndex,
  embeddedQueryText,
  readIndex,
  sharedVectorEmbedder,
} from './peers-semsearch.js';
import { sqliteVecPeer } from './peers-sqlite-vec.js';

export const PEER_COLLECTIONS = ['scifact', 'time-dev'] as const;
/** Passages a list retrieves when scoring: semsearch's evaluation depth. */
export const PEER_EVAL_DEPTH = 1000;
/** Passages a list retrieves when timing: what semsearch's `search` takes for a page of ten. */
export const PEER_QUERY_DEPTH = DENSE_CANDIDATES;
/** Untimed queries before the timed passes (JIT, caches, ONNX Runtime arenas). */
const WARM_UP_QUERIES = 20;
/** Timed passes per system; the one with the lowest median is kept (the machine is shared). */
const TIMED_PASSES = 3;

export interface PeerResult {
  collection: string;
  system: string;
  /** Whether the latency includes embedding the question. */
  embeddingIncluded: boolean;
  ndcg10: number;
  recall100: number;
  p50Ms: number;
  p99Ms: number;
  /** One query at a time, one stream: 1000 / mean ms. */
  queriesPerSecond: number;
  /** CPU time (all threads of this process) per query: less at the mercy of other sessions than wall time. */
  cpuMsPerQuery: number;
  buildSeconds: number | undefined;
  sizeBytes: number | undefined;
  error?: string;
}

export interface PeersReport {
  loadAverage: { before: number[]; after: number[] };
  collections: Array<{
    name: string;
    passages: number;
    articles: number;
    queries: number;
    cacheStale: boolean;
  }>;
  queryEmbedMs: Record<string, { p50: number; p99: number }>;
  results: PeerResult[];
}

const exactDense: PeerSystem = {
  name: 'exact dense (brute force)',
  async build(passages) {
    const index = createExactIndex(passages[0]?.embedding.length ?? 384);
    for (const p of passages) index.add(p.id, p.embedding);
    return {
      search: async (query, depth) => index.search(query.vector, depth).map((h) => h.id),
      sizeBytes: () => undefined,
      close: async () => {},
    };
  },
};

const PEERS: readonly PeerSystem[] = [exactDense, oramaPeer, lancedbPeer, sqliteVecPeer];

interface Pass {
  rankings: Map<string, string[]>;
  ms: number[];
  cpuMs: number;
}

/** Runs every query once in order, timing each; `rank` answers article ids best first. */
async function pass(
  queries: readonly PeerQuery[],
  rank: (q: PeerQuery) => Promise<string[]>,
  warmUp = 0,
): Promise<Pass> {
  for (const q of queries.slice(0, warmUp)) await rank(q);
  const rankings = new Map<string, string[]>();
  const ms: number[] = [];
  const cpu = process.cpuUsage();
  for (const q of queries) {
    const t = performance.now();
    rankings.set(q.id, await rank(q));
    ms.push(performance.now() - t);
  }
  const used = process.cpuUsage(cpu);
  return { rankings, ms, cpuMs: (used.user + used.system) / 1000 };
}

function quality(rankings: Map<string, string[]>, qrelsText: string): QueryMetrics {
  const qrels = parseQrels(qrelsText);
  const scores: QueryMetrics[] = [];
  for (const [id, ranked] of rankings) {
    const judged = qrels.get(id);
    if (judged) scores.push(scoreQuery(ranked, judged));
  }
  return meanMetrics(scores);
}

/** Latency of the quietest of several timed passes (other sessions share the two cores). */
async function latency(queries: readonly PeerQuery[], rank: (q: PeerQuery) => Promise<string[]>) {
  let best: Pass | undefined;
  for (let i = 0; i < TIMED_PASSES; i++) {
    const p = await pass(queries, rank, i === 0 ? WARM_UP_QUERIES : 0);
    if (!best || percentile(p.ms, 50) < percentile(best.ms, 50)) best = p;
  }
  const { ms, cpuMs } = best as Pass;
  const mean = ms.reduce((s, x) => s + x, 0) / ms.length;
  return {
    p50Ms: percentile(ms, 50),
    p99Ms: percentile(ms, 99),
    queriesPerSecond: 1000 / mean,
    cpuMsPerQuery: cpuMs / ms.length,
  };
}

/** One collection as every system gets it: passages with stored vectors, questions with shared vectors. */
interface Collection {
  name: string;
  indexDir: string;
  stale: boolean;
  built: Awaited<ReturnType<typeof readIndex>>;
  passages: PeerPassage[];
  articleOf: Map<number, string>;
  queries: PeerQuery[];
  /** Question vectors by the text semsearch embeds. */
  shared: Map<string, Float32Array>;
  qrelsText: string;
  embedMs: number[];
}

async function loadCollection(name: string, datasets: string, embedder: Embedder): Promise<Collection> {
  const dir = join(datasets, name);
  const { dir: indexDir, stale } = await cachedIndexAsBuilt(name, join(dir, 'corpus.jsonl'), 'q8');
  if (stale) {
    console.error(
      `${name}: the cached index predates the current chunking code; used as built (same data for every system)`,
    );
  }
  const built = await readIndex(indexDir);
  const passages: PeerPassage[] = built.passages.map((p) => ({
    id: p.id,
    articleId: p.articleId,
    text: `${p.title}\n${p.text}`,
    embedding: built.embeddings.get(p.id) as Float32Array,
  }));
  const qrelsText = readFileSync(join(dir, 'qrels.tsv'), 'utf8');
  const qrels = parseQrels(qrelsText);
  // As `npm run eval`: only questions with at least one relevant article count.
  const asked = readQueries(join(dir, 'queries.jsonl')).filter((q) =>
    [...(qrels.get(q.id)?.values() ?? [])].some((g) => g > 0),
  );
  const shared = new Map<string, Float32Array>();
  const embedMs: number[] = [];
  const queries: PeerQuery[] = [];
  for (const q of asked) {
    const text = embeddedQueryText(q.text);
    const t = performance.now();
    const vector = await embedder.embedQuery(text);
    embedMs.push(performance.now() - t);
    shared.set(text, vector);
    queries.push({ id: q.id, text: q.text, vector });
  }
  const articleOf = new Map(built.passages.map((p) => [p.id, p.articleId]));
  return { name, indexDir, stale, built, passages, articleOf, queries, shared, qrelsText, embedMs };
}

/** semsearch's engine over the cached index, timed with and without embedding the question. */
async function measureSemsearch(c: Collection, embedder: Embedder, work: string): Promise<PeerResult[]> {
  const build = await buildSemsearchIndex(join(work, 'semsearch'), c.built.manifest, c.built.writes);
  rmSync(join(work, 'semsearch'), { recursive: true, force: true });
  const { embedder: wrapped, state } = sharedVectorEmbedder(embedder, c.shared);
  const engine = await createSearchEngine({
    indexDir: c.indexDir,
    dtype: 'q8',
    logLevel: 'error',
    embedder: wrapped,
  });
  await engine.warmUp();
  const rank = (depth: number) => async (q: PeerQuery) =>
    (await engine.rankArticles(q.text, { mode: 'hybrid', depth, limit: 100 })).map((a) => a.articleId);
  state.precomputed = true;
  const scored = quality((await pass(c.queries, rank(PEER_EVAL_DEPTH))).rankings, c.qrelsText);
  const results: PeerResult[] = [];
  for (const precomputed of [false, true]) {
    state.precomputed = precomputed;
    results.push({
      collection: c.name,
      system: `semsearch hybrid${precomputed ? ', shared query vector' : ''}`,
      embeddingIncluded: !precomputed,
      ndcg10: scored.ndcg10,
      recall100: scored.recall100,
      ...(await latency(c.queries, rank(PEER_QUERY_DEPTH))),
      buildSeconds: build.seconds,
      sizeBytes: build.bytes,
    });
  }
  if (state.misses > 0) console.error(`${c.name}: ${state.misses} questions were embedded again`);
  await engine.close();
  return results;
}

/** One peer, built from the passages and vectors; a peer that fails is reported with its error. */
async function measurePeer(peer: PeerSystem, c: Collection, work: string): Promise<PeerResult> {
  const dir = join(work, 'peer');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const toArticles = (ids: readonly number[]) => [...new Set(ids.map((id) => c.articleOf.get(id) ?? ''))];
  try {
    const t = performance.now();
    const index = await peer.build(c.passages, dir);
    const buildSeconds = (performance.now() - t) / 1000;
    const rank = (depth: number) => async (q: PeerQuery) => toArticles(await index.search(q, depth));
    const scored = quality((await pass(c.queries, rank(PEER_EVAL_DEPTH))).rankings, c.qrelsText);
    const timed = await latency(c.queries, rank(PEER_QUERY_DEPTH));
    const sizeBytes = index.sizeBytes();
    await index.close();
    return {
      collection: c.name,
      system: peer.name,
      embeddingIncluded: false,
      ndcg10: scored.ndcg10,
      recall100: scored.recall100,
      ...timed,
      buildSeconds,
      sizeBytes,
    };
  } catch (error) {
    const message = (error as Error).message;
    console.error(`${c.name}: ${peer.name} failed: ${message}`);
    return {
      collection: c.name,
      system: peer.name,
      embeddingIncluded: false,
      ndcg10: Number.NaN,
      recall100: Number.NaN,
      p50Ms: Number.NaN,
      p99Ms: Number.NaN,
      queriesPerSecond: Number.NaN,
      cpuMsPerQuery: Number.NaN,
      buildSeconds: undefined,
      sizeBytes: undefined,
      error: message,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function printResults(c: Collection, results: readonly PeerResult[]): void {
  const mib = (b: number | undefined) => (b === undefined ? 'in memory' : fmt(b / 2 ** 20, 1));
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  table(
    `Peers on ${c.name}: ${c.passages.length} passages, ${c.queries.length} questions, same vectors (load average ${load})`,
    ['system', 'nDCG@10', 'R@100', 'p50 ms', 'p99 ms', 'queries/s', 'CPU ms/query', 'build s', 'size MiB'],
    results.map((r) => [
      r.error ? `${r.system} (failed)` : r.system,
      fmt(r.ndcg10, 4),
      fmt(r.recall100, 4),
      fmt(r.p50Ms, 2),
      fmt(r.p99Ms, 2),
      fmt(r.queriesPerSecond, 0),
      fmt(r.cpuMsPerQuery, 2),
      r.buildSeconds === undefined ? '–' : fmt(r.buildSeconds, 2),
      mib(r.sizeBytes),
    ]),
  );
  console.log(
    `Query embedding (semsearch's q8 model, once per question, shared): p50 ${fmt(percentile(c.embedMs, 50), 2)} ms, p99 ${fmt(percentile(c.embedMs, 99), 2)} ms. Only the first semsearch row includes it.`,
  );
}

async function runCollection(
  name: string,
  datasets: string,
  embedder: Embedder,
  report: PeersReport,
): Promise<void> {
  const c = await loadCollection(name, datasets, embedder);
  report.queryEmbedMs[name] = { p50: percentile(c.embedMs, 50), p99: percentile(c.embedMs, 99) };
  report.collections.push({
    name,
    passages: c.passages.length,
    articles: c.built.writes.length,
    queries: c.queries.length,
    cacheStale: c.stale,
  });
  const work = join(ROOT, '.cache', 'peers', name);
  mkdirSync(work, { recursive: true });
  const results = await measureSemsearch(c, embedder, work);
  for (const peer of PEERS) results.push(await measurePeer(peer, c, work));
  report.results.push(...results);
  printResults(c, results);
}

export async function runPeers(
  options: { datasets?: string; collections?: readonly string[] } = {},
): Promise<PeersReport> {
  const datasets = options.datasets ?? DEFAULT_DATASETS;
  const report: PeersReport = {
    loadAverage: { before: loadavg(), after: [] },
    collections: [],
    queryEmbedMs: {},
    results: [],
  };
  const embedder = await createTransformersEmbedder({
    cacheDir: resolveConfig({}).modelCacheDir,
    dtype: 'q8',
  });
  try {
    for (const name of options.collections ?? PEER_COLLECTIONS) {
      await runCollection(name, datasets, embedder, report);
    }
  } finally {
    await embedder.dispose();
  }
  report.loadAverage.after = loadavg();
  console.log(
    `\nload average before ${report.loadAverage.before.map((l) => l.toFixed(2)).join(' ')}, after ${report.loadAverage.after.map((l) => l.toFixed(2)).join(' ')}`,
  );
  return report;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({
    options: {
      collections: { type: 'string', default: PEER_COLLECTIONS.join(',') },
      datasets: { type: 'string', default: DEFAULT_DATASETS },
      json: { type: 'string', default: 'bench-out/peers.json' },
    },
  });
  const report = await runPeers({
    datasets: values.datasets as string,
    collections: (values.collections as string).split(','),
  });
  mkdirSync(dirname(values.json as string), { recursive: true });
  writeFileSync(values.json as string, JSON.stringify(report, null, 2));
  console.log(`wrote ${values.json}`);
}
