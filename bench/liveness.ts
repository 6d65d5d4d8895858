/**
 * `npm run bench:liveness`: how fast /health answers while 1,000 articles are written through
 * the API (sliced write) and, as the baseline, while the same 1,000 go in as one engine call
 * (the old path: chunking and tokenizing everything in one stretch). 64 autocannon connections
 * hammer /health during each write; a separate probe measures one request at a time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createSearchEngine, recordToArticle } from '../src/index.js';
import { startHttpServer } from '../src/serve/http/index.js';
import { FIXTURES, SEEDS, tempDir } from '../test/helpers.js';

const KEY = 'bench-key-0123456789';
const ARTICLES = 1000;

const records = readFileSync(join(FIXTURES, 'scifact-300.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { id: string; title: string; text: string });
const batch = (tag: string) =>
  Array.from({ length: ARTICLES }, (_, i) => {
    const r = records[i % records.length] as (typeof records)[number];
    return { id: `${tag}-${i}`, title: r.title, text: `${r.text} (copy ${tag} ${i})` };
  });

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

let probeErrors = 0;

async function probe(url: string, until: Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  let done = false;
  void until.finally(() => {
    done = true;
  });
  while (!done) {
    const t = performance.now();
    try {
      await fetch(`${url}/health`).then((r) => r.arrayBuffer());
      times.push(performance.now() - t);
    } catch {
      probeErrors++;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return times.sort((a, b) => a - b);
}

async function measure(label: string, url: string, write: () => Promise<unknown>) {
  const started = performance.now();
  const running = write();
  const load = autocannon({ url: `${url}/health`, connections: 64, duration: 600 });
  const probed = probe(url, running);
  await running;
  const seconds = (performance.now() - started) / 1000;
  (load as unknown as { stop: () => void }).stop();
  const result = await load;
  const times = await probed;
  const failed = probeErrors;
  probeErrors = 0;
  console.log(
    `${label}: write ${seconds.toFixed(1)} s; probe /health p50 ${quantile(times, 0.5).toFixed(1)} ms, p99 ${quantile(times, 0.99).toFixed(1)} ms, max ${(times.at(-1) ?? 0).toFixed(1)} ms (${times.length} probes, ${failed} failed); 64 connections: ${result.requests.total} requests (${result.errors} errors), latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
  );
}

const tmp = tempDir('semsearch-bench-');
try {
  const seed = await createSearchEngine({ indexDir: tmp.dir, logLevel: 'silent' });
  await seed.ingestPaths([SEEDS]);
  await seed.close();
  const server = await startHttpServer(
    { indexDir: tmp.dir, port: 0, apiKey: KEY, logLevel: 'silent' },
    { handleSignals: false, log: () => {} },
  );
  await server.engine.warmUp();
  await measure('API write of 1,000 articles (sliced)', server.url, async () => {
    const res = await fetch(`${server.url}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: JSON.stringify({ articles: batch('api') }),
    });
    if (res.status !== 200) throw new Error(`write answered ${res.status}: ${await res.text()}`);
  });
  await measure('baseline: one engine.ingestArticles of 1,000', server.url, () =>
    server.engine.ingestArticles(batch('one').map((r) => recordToArticle(r, r.id, r.id))),
  );
  await server.close();
} finally {
  tmp.cleanup();
}
