/**
 * `npm run bench`: what users feel, measured on this machine, each figure beside a baseline
 * run in the same process where there is one.
 *
 *   npm run bench -- [--full] [--only embed,ingest,query,scale,http,load,hnsw,peers,knn] [--json FILE] [--load-seconds 20]
 *                    [--backend embedded|elasticsearch] [--es-url URL] [--copy-from-embedded]
 *
 * Sections: embedding throughput vs the raw ONNX Runtime forward pass (SciFact abstracts, fp32
 * and q8); ingest throughput on the State of the Union corpus vs the raw forward pass on the same
 * passages and batches; query latency in process (seeds, SciFact, and the 100k-passage scale
 * corpus of bench/indexes.ts openScaleIndex, each with and without the query-embedding cache) and over HTTP; HNSW recall/speed vs exact search
 * at SciFact scale (12k passages) and at 100k (SciFact vectors plus noise: vector part only);
 * peers (bench/peers.ts) on SciFact and time-dev; HTTP load with autocannon.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import {
  createExactIndex,
  createHnswIndex,
  createSqliteStore,
  HNSW_EF_SEARCH,
} from '../src/backends/embedded/index.js';
import { chunkArticle } from '../src/chunk/index.js';
import { createTransformersEmbedder } from '../src/embed/index.js';
import {
  type Article,
  createSearchEngine,
  readQueries,
  recordToArticle,
  resolveConfig,
  type SearchEngine,
} from '../src/index.js';
import { embeddingText, INGEST_FLUSH_PASSAGES } from '../src/ingest/index.js';
import { openCachedIndex, openScaleIndex, SCALE_CHUNK_TOKENS } from './indexes.js';
import {
  cpuModel,
  DEFAULT_DATASETS,
  fmt,
  peakRssMiB,
  percentile,
  ROOT,
  rssOfPid,
  startServeProcess,
  table,
  timed,
} from './lib.js';

const { values } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    only: { type: 'string' },
    json: { type: 'string', default: 'bench-out/bench.json' },
    datasets: { type: 'string', default: DEFAULT_DATASETS },
    'load-seconds': { type: 'string', default: '20' },
    backend: { type: 'string', default: 'embedded' },
    'es-url': { type: 'string', default: 'http://127.0.0.1:9201' },
    'copy-from-embedded': { type: 'boolean', default: false },
  },
});
const where = {
  backend: values.backend === 'elasticsearch' ? ('elasticsearch' as const) : ('embedded' as const),
  esUrl: values['es-url'] as string,
  copyFromEmbedded: values['copy-from-embedded'],
};
const sections = new Set((values.only ?? 'embed,ingest,query,scale,http,load,hnsw,peers').split(','));
const datasets = values.datasets as string;
const cacheDir = resolveConfig({}).modelCacheDir;
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

const readJsonl = (path: string) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

type Embedderish = Awaited<ReturnType<typeof createTransformersEmbedder>>;

/** Forward passes only, over the same length-sorted batches embedPassages makes. */
async function rawForwardMs(embedder: Embedderish, groups: string[][], batchSize: number): Promise<number> {
  const batches: string[][] = [];
  for (const group of groups) {
    const sorted = [...group].sort((a, b) => a.length - b.length);
    for (let i = 0; i < sorted.length; i += batchSize) batches.push(sorted.slice(i, i + batchSize));
  }
  const inputs = batches.map((b) => embedder.raw.tokenize(b));
  let ms = 0;
  for (const input of inputs) {
    const t = performance.now();
    await embedder.raw.forward(input);
    ms += performance.now() - t;
  }
  return ms;
}

// --- 1. embedding throughput, fp32 and q8, vs raw forward pass --------------------------------
if (sections.has('embed')) {
  const records = readJsonl(join(datasets, 'scifact', 'corpus.jsonl')).slice(0, 250);
  const rows: Array<Array<string | number>> = [];
  const out: Record<string, unknown> = {};
  for (const dtype of ['fp32', 'q8'] as const) {
    const embedder = await createTransformersEmbedder({ cacheDir, dtype });
    const texts = records
      .map((r, i) => recordToArticle(r, `r${i}`, 'scifact'))
      .flatMap((a) =>
        chunkArticle(a, { maxTokens: 200, counter: embedder }).map((p) => `${a.title}\n${p.text}`),
      )
      .slice(0, 512);
    await embedder.embedPassages(texts); // warm-up: ONNX Runtime grows its arenas on the first long batches
    // Alternate the two measurements and keep the best of each, so neither gains from going second.
    let pipelineMs = Number.POSITIVE_INFINITY;
    let raw = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 2; round++) {
      pipelineMs = Math.min(pipelineMs, (await timed(() => embedder.embedPassages(texts))).ms);
      raw = Math.min(raw, await rawForwardMs(embedder, [texts], 32));
    }
    const pipeline = { ms: pipelineMs };
    const pps = texts.length / (pipeline.ms / 1000);
    const rawPps = texts.length / (raw / 1000);
    rows.push([dtype, texts.length, fmt(pps), fmt(rawPps), fmt(raw / pipeline.ms, 3)]);
    out[dtype] = {
      passages: texts.length,
      pipelinePerSecond: pps,
      rawPerSecond: rawPps,
      efficiency: raw / pipeline.ms,
    };
    await embedder.dispose();
  }
  table(
    'Embedding throughput (SciFact abstracts, 200-token passages, batch 32)',
    ['dtype', 'passages', 'pipeline p/s', 'raw ORT p/s', 'efficiency (raw/pipeline time)'],
    rows,
  );
  report.embed = out;
}

// --- 2. ingest throughput on the State of the Union corpus ------------------------------------
// Six rounds of about a sixth of the passages each, the raw forward pass and the ingest of the
// same round back to back, in alternating order, so that the machine's drift over the minutes
// of the run (raw alone moved 62-67 passages/s between runs on this 2-core machine) falls on
// both sides of the ratio.
if (sections.has('ingest')) {
  const limit = values.full ? Number.POSITIVE_INFINITY : 3000;
  const ROUNDS = 6;
  const embedder = await createTransformersEmbedder({ cacheDir, dtype: 'q8' });
  const chunker = { maxTokens: 200, overlapSentences: 1, titlePrefix: true };
  const slice: Array<{ article: Article; texts: string[] }> = [];
  let passages = 0;
  for (const [i, r] of readJsonl(join(datasets, 'sotu', 'corpus.jsonl')).entries()) {
    if (passages >= limit) break;
    const full = recordToArticle(r, `sotu-${i}`, 'sotu');
    let drafts = chunkArticle(full, { maxTokens: chunker.maxTokens, counter: embedder });
    let article = full;
    if (passages + drafts.length > limit) {
      // Cut the last speech at a passage boundary so the slice is exactly `limit` passages.
      const keep = drafts.slice(0, limit - passages);
      const end = keep.at(-1)?.end ?? 0;
      article = {
        ...full,
        text: full.text.slice(0, end),
        paragraphs: full.paragraphs
          .map((p) => ({ ...p, end: Math.min(p.end, end) }))
          .filter((p) => p.start < end),
      };
      drafts = chunkArticle(article, { maxTokens: chunker.maxTokens, counter: embedder });
    }
    passages += drafts.length;
    slice.push({ article, texts: drafts.map((d) => embeddingText(article.title, d, chunker)) });
  }
  // Rounds of whole articles, each grouped as the ingest runner flushes (a round's ingest
  // starts with nothing pending).
  const perRound = Math.ceil(passages / ROUNDS);
  const rounds: Array<{ articles: Article[]; groups: string[][] }> = [];
  let round = { articles: [] as Article[], groups: [] as string[][] };
  let pending: string[] = [];
  let inRound = 0;
  for (const { article, texts } of slice) {
    round.articles.push(article);
    pending.push(...texts);
    inRound += texts.length;
    if (pending.length >= INGEST_FLUSH_PASSAGES) {
      round.groups.push(pending);
      pending = [];
    }
    if (inRound >= perRound) {
      if (pending.length > 0) round.groups.push(pending);
      rounds.push(round);
      round = { articles: [], groups: [] };
      pending = [];
      inRound = 0;
    }
  }
  if (pending.length > 0) round.groups.push(pending);
  if (round.articles.length > 0) rounds.push(round);
  const articles = slice.map((x) => x.article);
  await embedder.embedPassages(rounds[0]?.groups[0]?.slice(0, 32) ?? []); // warm-up
  const tmp = join(ROOT, '.cache', 'bench-ingest');
  const { rmSync } = await import('node:fs');
  rmSync(tmp, { recursive: true, force: true });
  const engine = await createSearchEngine({ indexDir: tmp, logLevel: 'error' });
  await engine.warmUp();
  let raw = 0;
  let ingestMs = 0;
  let embedded = 0;
  const perRoundEfficiency: number[] = [];
  for (const [i, r] of rounds.entries()) {
    // Every other round the ingest goes first, so that neither side always runs on a machine
    // just warmed (or just slowed) by the other.
    let rawMs = 0;
    if (i % 2 === 0) rawMs = await rawForwardMs(embedder, r.groups, 32);
    const ingest = await timed(() => engine.ingestArticles(r.articles));
    if (i % 2 === 1) rawMs = await rawForwardMs(embedder, r.groups, 32);
    raw += rawMs;
    ingestMs += ingest.ms;
    embedded += ingest.value.passagesEmbedded;
    perRoundEfficiency.push(rawMs / ingest.ms);
  }
  await embedder.dispose();
  const words = articles.reduce((n, a) => n + (a.text.match(/\S+/g)?.length ?? 0), 0);
  await engine.close();
  rmSync(tmp, { recursive: true, force: true });
  const e2e = embedded / (ingestMs / 1000);
  const rawPps = passages / (raw / 1000);
  table(
    `Ingest throughput (State of the Union, ${values.full ? 'whole corpus' : `first ${passages} passages`}, q8, ${rounds.length} rounds of raw and ingest)`,
    [
      'articles',
      'words',
      'passages',
      'end-to-end p/s',
      'raw ORT p/s',
      'efficiency',
      'per round',
      'peak RSS MiB',
    ],
    [
      [
        articles.length,
        words,
        passages,
        fmt(e2e),
        fmt(rawPps),
        fmt(raw / ingestMs, 3),
        perRoundEfficiency.map((x) => fmt(x, 3)).join(' / '),
        fmt(peakRssMiB(), 0),
      ],
    ],
  );
  report.ingest = {
    articles: articles.length,
    words,
    passages,
    endToEndPerSecond: e2e,
    rawPerSecond: rawPps,
    efficiency: raw / ingestMs,
    perRoundEfficiency,
    peakRssMiB: peakRssMiB(),
  };
}

// --- shared: the SciFact index (built once, cached) ---------------------------------------------
let scifact: SearchEngine | undefined;
const scifactQueries = readQueries(join(datasets, 'scifact', 'queries.jsonl'));
async function scifactEngine(): Promise<SearchEngine> {
  if (!scifact) {
    const opened = await openCachedIndex(
      'scifact',
      join(datasets, 'scifact', 'corpus.jsonl'),
      'q8',
      true,
      where,
    );
    scifact = opened.engine;
    const stats = await scifact.stats();
    report.scifactIndex = {
      backend: where.backend,
      builtNow: opened.builtNow,
      seconds: opened.seconds,
      ...stats,
    };
    if (opened.builtNow) {
      console.log(
        `\nSciFact ingest (${where.backend}): ${stats.passages} passages in ${fmt(opened.seconds)} s = ${fmt(stats.passages / opened.seconds)} passages/s (embedding included)`,
      );
    }
  }
  return scifact;
}

const latencyRow = (name: string, totals: number[], parts?: Record<string, number[]>) => [
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

// --- 3. query latency in process ----------------------------------------------------------------
/** Latencies of a warm pass over `qs` (`reps` times), with the parts of each search. */
async function latencyPass(engine: SearchEngine, qs: string[], reps: number, warmUp = true) {
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
const summary = (t: number[]) => ({ p50: percentile(t, 50), p95: percentile(t, 95), p99: percentile(t, 99) });

if (sections.has('query')) {
  const rows: Array<Array<string | number>> = [];
  const { rmSync } = await import('node:fs');
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
  const indexDir = (await (await scifactEngine()).stats()).indexDir;
  const questions = scifactQueries.map((q) => q.text);
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
  report.queryLatency = { seeds: summary(s.totals), scifact: sciFact };
}

// --- 3b. query latency at scale: 100k real passages ------------------------------------------------
if (sections.has('scale')) {
  const opened = await openScaleIndex(datasets);
  const built = opened.build;
  const stats = await opened.engine.stats();
  console.log(
    `\nScale corpus: ${stats.articles} articles, ${stats.passages} passages (SciFact, State of the Union, time-dev, Cranfield at ${SCALE_CHUNK_TOKENS} tokens); built ${opened.builtNow ? 'now' : 'earlier'} in ${fmt(built.seconds)} s = ${fmt(stats.passages / built.seconds)} passages/s, embedding included, peak RSS of the bench process by then ${fmt(built.peakRssMiB, 0)} MiB`,
  );
  const questions = [
    ...readQueries(join(datasets, 'time-dev', 'queries.jsonl')),
    ...scifactQueries,
    ...readQueries(join(datasets, 'cranfield', 'queries.jsonl')),
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
  report.scale = out;
}

// --- 4/5. HTTP latency and load (server in a child process) -----------------------------------
/** `semsearch serve` on the SciFact index in its own process, ready and warm. */
async function startBenchServer(
  indexDir: string,
  extra: string[],
  env: Record<string, string> = {},
): Promise<{ url: string; child: ChildProcess }> {
  const { url, child } = await startServeProcess(
    [
      '--index',
      indexDir,
      ...extra,
      ...(where.backend === 'elasticsearch' ? ['--backend', 'elasticsearch', '--es-url', where.esUrl] : []),
    ],
    { SEMSEARCH_ES_INDEX: 'eval-scifact-q8', ...env },
  );
  for (let i = 0; i < 10; i++) await fetch(url + benchQuery(i));
  return { url, child };
}

async function stopBenchServer(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

const benchQuery = (i: number) =>
  `/v1/search?q=${encodeURIComponent(scifactQueries[i % scifactQueries.length]?.text ?? 'cells')}&k=10`;

if (sections.has('http') || sections.has('load')) {
  const engine = await scifactEngine();
  const indexDir = (await engine.stats()).indexDir;
  await engine.close();
  scifact = undefined;
  if (sections.has('http')) {
    const { url, child } = await startBenchServer(indexDir, []);
    const totals: number[] = [];
    for (let i = 0; i < scifactQueries.length; i++) {
      const t = performance.now();
      const res = await fetch(url + benchQuery(i));
      await res.arrayBuffer();
      totals.push(performance.now() - t);
    }
    await stopBenchServer(child);
    table(
      'Query latency over HTTP, sequential, warm (ms)',
      ['collection', 'queries', 'p50', 'p95', 'p99', '–'],
      [latencyRow('SciFact', totals)],
    );
    report.httpLatency = {
      p50: percentile(totals, 50),
      p95: percentile(totals, 95),
      p99: percentile(totals, 99),
    };
  }
  if (sections.has('load')) {
    const seconds = Number(values['load-seconds']);
    const rows: Array<Array<string | number>> = [];
    const loads: unknown[] = [];
    // The baseline first: the same server answering its searches on the HTTP thread. The
    // load repeats 50 questions, so after the first 50 requests the query cache answers every
    // embedding; the first two setups run without it, the last is the default.
    const noCache = { SEMSEARCH_QUERY_CACHE: '0' };
    const setups = [
      { label: 'on the HTTP thread, no query cache', args: ['--search-workers', '0'], env: noCache },
      { label: 'search pool, no query cache', args: [], env: noCache },
      { label: 'search pool + query cache (default)', args: [], env: {} },
    ];
    let growth = 0;
    for (const setup of setups) {
      const { url, child } = await startBenchServer(indexDir, setup.args, setup.env);
      const pid = child.pid as number;
      const rssStart = rssOfPid(pid);
      for (const connections of [1, 16, 64]) {
        const rssBefore = rssOfPid(pid);
        const result = await autocannon({
          url,
          connections,
          duration: seconds,
          requests: Array.from({ length: 50 }, (_, i) => ({ method: 'GET' as const, path: benchQuery(i) })),
        });
        const rssAfter = rssOfPid(pid);
        // 503 is the server shedding load (admission); anything else not 2xx, and every
        // connection error or timeout, is an error.
        const codes = (result as unknown as { statusCodeStats?: Record<string, { count: number }> })
          .statusCodeStats;
        const shed = codes?.['503']?.count ?? 0;
        const errors = result.errors + result.non2xx - shed;
        if (errors > 0)
          console.error(
            `load ${connections}: ${result.errors} errors (${result.timeouts} timeouts), ${result.non2xx} non-2xx (${shed} shed), ${result.requests.total} requests`,
          );
        const answered = result.requests.total - shed;
        rows.push([
          setup.label,
          connections,
          fmt(result.requests.average),
          fmt(answered / seconds),
          fmt(result.latency.p50, 0),
          fmt(result.latency.p99, 0),
          errors,
          result.timeouts,
          shed,
          fmt(rssBefore, 0),
          fmt(rssAfter, 0),
        ]);
        loads.push({
          setup: setup.label,
          connections,
          seconds,
          requestsPerSecond: result.requests.average,
          searchesPerSecond: answered / seconds,
          p50: result.latency.p50,
          p99: result.latency.p99,
          errors,
          timeouts: result.timeouts,
          shed,
          rssBeforeMiB: rssBefore,
          rssAfterMiB: rssAfter,
        });
      }
      growth = Math.max(growth, rssOfPid(pid) - rssStart);
      await stopBenchServer(child);
    }
    table(
      `HTTP load, GET /v1/search on SciFact, ${seconds} s each (autocannon)`,
      [
        'searches',
        'connections',
        'req/s',
        'answered/s',
        'p50 ms',
        'p99 ms',
        'errors',
        'timeouts',
        'shed (503)',
        'RSS before MiB',
        'RSS after MiB',
      ],
      rows,
    );
    console.log(`RSS growth over the load runs of one server: ${fmt(growth, 0)} MiB (bound: 200 MiB)`);
    report.load = { runs: loads, rssGrowthMiB: growth, rssGrowthBoundMiB: 200 };
  }
}

// --- Elasticsearch: kNN candidates per k, recall vs exact ---------------------------------------
if (sections.has('knn') && where.backend === 'elasticsearch') {
  const { knnCandidatesSweep } = await import('./es-knn.js');
  report.esKnn = await knnCandidatesSweep(
    await scifactEngine(),
    where.esUrl,
    'eval-scifact-q8',
    scifactQueries.map((q) => q.text),
  );
}

// --- 6. HNSW recall/speed vs exact, 12k and 100k ------------------------------------------------
if (sections.has('hnsw')) {
  const engine = await scifactEngine();
  const embedder = await createTransformersEmbedder({ cacheDir, dtype: 'q8' });
  const queryVectors: Float32Array[] = [];
  for (const q of scifactQueries) queryVectors.push(await embedder.embedQuery(q.text));
  await embedder.dispose();
  const store = createSqliteStore({ dir: (await engine.stats()).indexDir, mustExist: true });
  const vectors: Array<{ id: number; embedding: Float32Array }> = [...store.source.allEmbeddings()];
  await store.close();

  if (sections.has('hnsw')) {
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
    report.hnsw = hnswReport;
  }
}

// --- 7. Peers on SciFact and time-dev, same passages and vectors (bench/peers.ts) ---------------
if (sections.has('peers')) {
  const { runPeers } = await import('./peers.js');
  report.peers = await runPeers({ datasets });
}

if (scifact) await scifact.close();
report.finished = new Date().toISOString();
report.peakRssMiB = peakRssMiB();
mkdirSync(dirname(values.json as string), { recursive: true });
writeFileSync(values.json as string, JSON.stringify(report, null, 2));
console.log(`\nwrote ${values.json}`);
