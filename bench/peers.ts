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
 * The third-party systems (bench/third-party) come from the bench's own packages, installed
 * into bench/node_modules on first use.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createTransformersEmbedder, type Embedder } from '../src/embed/index.js';
import { resolveConfig } from '../src/index.js';
import { DEFAULT_DATASETS, fmt, percentile, ROOT, table } from './lib.js';
import { importThirdParty } from './packages.js';
import { type Collection, loadCollection } from './peers-collection.js';
import type { PeerSystem } from './peers-common.js';
import { exactDense, measurePeer, measureSemsearch, type PeerResult } from './peers-measure.js';

export const PEER_COLLECTIONS = ['scifact', 'time-dev'] as const;

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
  peers: readonly PeerSystem[],
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
  for (const peer of peers) results.push(await measurePeer(peer, c, work));
  report.results.push(...results);
  printResults(c, results);
}

export async function runPeers(
  options: { datasets?: string; collections?: readonly string[] } = {},
): Promise<PeersReport> {
  const datasets = options.datasets ?? DEFAULT_DATASETS;
  const { THIRD_PARTY_PEERS } = await importThirdParty<{ THIRD_PARTY_PEERS: readonly PeerSystem[] }>(
    'peers.ts',
  );
  const peers = [exactDense, ...THIRD_PARTY_PEERS];
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
      await runCollection(name, datasets, embedder, peers, report);
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
