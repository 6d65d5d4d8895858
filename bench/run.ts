/**
 * `npm run bench`: what users feel, measured on this machine, each figure beside a baseline
 * run in the same process where there is one.
 *
 *   npm run bench -- [--full] [--only embed,ingest,query,scale,http,load,hnsw,peers,knn] [--json FILE] [--load-seconds 12]
 *                    [--datasets DIR] [--backend embedded|elasticsearch] [--es-url URL] [--copy-from-embedded]
 *
 * Sections, one module each in bench/sections: embedding throughput vs the raw ONNX Runtime
 * forward pass (SciFact abstracts, fp32 and q8); ingest throughput on the State of the Union
 * corpus vs the raw forward pass on the same passages and batches; query latency in process
 * (seeds, SciFact, and the 100k-passage scale corpus of bench/indexes.ts openScaleIndex, each
 * with and without the query-embedding cache) and over HTTP; HTTP load with distinct questions,
 * the server's CPU per search against the CPU of one question's embedding; HNSW recall/speed vs
 * exact search at SciFact scale (12k passages) and at 100k (SciFact vectors plus noise: vector
 * part only); peers (bench/peers.ts) on SciFact and time-dev. The load generator and the peers
 * come from the bench's own packages (bench/package.json), installed on first use.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveConfig } from '../src/index.js';
import { cpuModel, DEFAULT_DATASETS, peakRssMiB } from './lib.js';
import { createContext } from './sections/context.js';

const { values } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    only: { type: 'string' },
    json: { type: 'string', default: 'bench-out/bench.json' },
    datasets: { type: 'string', default: DEFAULT_DATASETS },
    'load-seconds': { type: 'string', default: '12' },
    backend: { type: 'string', default: 'embedded' },
    'es-url': { type: 'string', default: 'http://127.0.0.1:9201' },
    'copy-from-embedded': { type: 'boolean', default: false },
  },
});
const sections = new Set((values.only ?? 'embed,ingest,query,scale,http,load,hnsw,peers').split(','));
const report: Record<string, unknown> = {
  machine: {
    cores: cpus().length,
    cpu: cpuModel(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  started: new Date().toISOString(),
  full: values.full,
};
console.log(
  `# semsearch bench · ${cpus().length} cores · ${cpuModel()} · node ${process.version}${values.full ? ' · --full' : ''}`,
);
const ctx = createContext({
  datasets: values.datasets as string,
  full: values.full as boolean,
  where: {
    backend: values.backend === 'elasticsearch' ? 'elasticsearch' : 'embedded',
    esUrl: values['es-url'] as string,
    copyFromEmbedded: values['copy-from-embedded'],
  },
  cacheDir: resolveConfig({}).modelCacheDir,
  loadSeconds: Number(values['load-seconds']),
  report,
});

if (sections.has('embed')) await (await import('./sections/embed.js')).embedSection(ctx);
if (sections.has('ingest')) await (await import('./sections/ingest.js')).ingestSection(ctx);
if (sections.has('query')) await (await import('./sections/query.js')).querySection(ctx);
if (sections.has('scale')) await (await import('./sections/scale.js')).scaleSection(ctx);
if (sections.has('http')) await (await import('./sections/http.js')).httpSection(ctx);
if (sections.has('load')) await (await import('./sections/load.js')).loadSection(ctx);
if (sections.has('knn') && ctx.where.backend === 'elasticsearch') {
  // Elasticsearch: kNN candidates per k, recall vs exact.
  const { knnCandidatesSweep } = await import('./es-knn.js');
  report.esKnn = await knnCandidatesSweep(
    await ctx.scifact(),
    ctx.where.esUrl as string,
    'eval-scifact-q8',
    ctx.scifactQueries.map((q) => q.text),
  );
}
if (sections.has('hnsw')) await (await import('./sections/hnsw.js')).hnswSection(ctx);
if (sections.has('peers')) {
  // Peers on SciFact and time-dev, same passages and vectors.
  const { runPeers } = await import('./peers.js');
  report.peers = await runPeers({ datasets: ctx.datasets });
}

await ctx.closeScifact();
report.finished = new Date().toISOString();
report.peakRssMiB = peakRssMiB();
mkdirSync(dirname(values.json as string), { recursive: true });
writeFileSync(values.json as string, JSON.stringify(report, null, 2));
console.log(`\nwrote ${values.json}`);
