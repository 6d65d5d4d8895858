/**
 * `npm run bench:liveness [-- --articles 1000 --connections 64 --only search,write]`: how fast /health answers
 * while the server is busy. The server runs in its own process (`semsearch serve`), as users
 * run it; the 64-connection load runs in a worker thread and the one-at-a-time /health probe on
 * this thread, so neither the load generator nor the probe shares an event loop with the server.
 *
 * Scenarios, each with the probe running throughout:
 * - idle: nothing else (the baseline of the probe itself);
 * - search load: 64 connections of `GET /v1/search` (SciFact questions);
 * - write: one API write of 1,000 articles (SciFact abstracts, renamed copies);
 * - write + 64 connections of `/health` (the load generator on the probe's route);
 * - write + search load: both at once;
 * - pages: `serve --follow` reading a feed of hostile pages (liveness-pages.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FIXTURES, SEEDS, tempDir } from '../test/helpers.js';
import { fmt, percentile, ROOT, rssOfPid, startServeProcess, table } from './lib.js';
import { followHostilePages, HOSTILE_PAGES } from './liveness-pages.js';
import { ensureBenchPackages } from './packages.js';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '1000' },
    connections: { type: 'string', default: '64' },
    seconds: { type: 'string', default: '15' },
    /** Comma-separated scenarios to run: idle, search, write, write-health, write-search, pages. */
    only: { type: 'string' },
  },
});
const ARTICLES = Number(values.articles);
const CONNECTIONS = Number(values.connections);
const LOAD_SECONDS = Number(values.seconds);
const KEY = 'bench-key-0123456789';
const auth = { authorization: `Bearer ${KEY}` };

const records = readFileSync(join(FIXTURES, 'scifact-300.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { id: string; title: string; text: string });
const batch = (tag: string) =>
  Array.from({ length: ARTICLES }, (_, i) => {
    const r = records[i % records.length] as (typeof records)[number];
    return { id: `${tag}-${i}`, title: r.title, text: `${r.text} (copy ${tag} ${i})` };
  });
const questions = records.slice(0, 50).map((r) => r.title);

function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [join(ROOT, 'bin', 'semsearch.js'), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const startServer = (indexDir: string) =>
  startServeProcess(['--index', indexDir], { SEMSEARCH_API_KEY: KEY, SEMSEARCH_LOG_LEVEL: 'info' });

/** autocannon in its own process: its client work must not delay the probe (autocannon sums up only on a main thread). */
function startLoad(
  url: string,
  seconds: number,
  target: 'search' | 'health' = 'search',
): { done: Promise<LoadResult>; stop: () => void } {
  const code = `
    const autocannon = require(process.env.AC_PATH);
    const { url, connections, seconds, questions, headers, target } = JSON.parse(process.env.AC_OPTIONS);
    let i = 0;
    const instance = autocannon({
      url, connections, duration: seconds, headers,
      requests: [{ setupRequest: (req) => ({ ...req, path: target === 'health' ? '/health' : '/v1/search?k=10&q=' + encodeURIComponent(questions[i++ % questions.length]) }) }],
    }, (err, r) => process.stdout.write(JSON.stringify(err ? { error: String(err) } : {
      requests: r.requests.total, errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx,
      rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, shed: r.statusCodeStats?.['503']?.count ?? 0,
    }), () => process.exit(0)));
    process.on('SIGINT', () => instance.stop());
    // The bench's end (even killed) closes this pipe: no load generator outlives it.
    process.stdin.on('end', () => process.exit(1)).resume();
  `;
  ensureBenchPackages(); // autocannon is one of the bench's own packages
  const child = spawn(process.execPath, ['-e', code], {
    env: {
      ...process.env,
      AC_PATH: join(ROOT, 'bench', 'node_modules', 'autocannon'),
      AC_OPTIONS: JSON.stringify({
        url,
        connections: CONNECTIONS,
        seconds,
        questions,
        headers: auth,
        target,
      }),
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const done = new Promise<LoadResult>((resolve, reject) => {
    child.once('exit', () => {
      try {
        const m = JSON.parse(out) as LoadResult & { error?: string };
        if (m.error) reject(new Error(m.error));
        else resolve(m);
      } catch {
        reject(new Error(`load generator printed: ${out}`));
      }
    });
  });
  return { done, stop: () => child.kill('SIGINT') };
}

interface LoadResult {
  requests: number;
  errors: number;
  timeouts: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  shed: number;
}

/** One /health request at a time, 10 ms apart, until `until` settles. */
async function probe(url: string, until: Promise<unknown>): Promise<{ times: number[]; failed: number }> {
  const times: number[] = [];
  let failed = 0;
  let done = false;
  void until.finally(() => {
    done = true;
  });
  while (!done) {
    const t = performance.now();
    try {
      const res = await fetch(`${url}/health`);
      await res.arrayBuffer();
      if (res.ok) times.push(performance.now() - t);
      else failed++;
    } catch {
      failed++;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return { times, failed };
}

/** One API write; node:http rather than fetch, whose 300 s header timeout a slow machine can pass. */
async function write(url: string, tag: string): Promise<string> {
  const t = performance.now();
  const body = JSON.stringify({ articles: batch(tag) });
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      `${url}/v1/articles`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...auth },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  if (status !== 200) throw new Error(`write answered ${status}: ${text}`);
  return `${ARTICLES} articles in ${fmt((performance.now() - t) / 1000)} s`;
}

const rows: Array<Array<string | number>> = [];
const chosen = values.only?.split(',');
async function scenario(name: string, label: string, url: string, pid: number, work: () => Promise<string>) {
  if (chosen && !chosen.includes(name)) return;
  const rssBefore = rssOfPid(pid);
  const running = work();
  const { times, failed } = await probe(url, running);
  const what = await running;
  rows.push([
    label,
    what,
    times.length,
    failed,
    fmt(percentile(times, 50)),
    fmt(percentile(times, 99)),
    fmt(Math.max(...times)),
    `${fmt(rssBefore, 0)} → ${fmt(rssOfPid(pid), 0)}`,
  ]);
  console.log(
    `${label}: ${what}; /health p50 ${fmt(percentile(times, 50))} ms p99 ${fmt(percentile(times, 99))} ms`,
  );
}

const describeLoad = (r: LoadResult) =>
  `${r.requests} searches, ${fmt(r.rps, 0)}/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.shed} shed (503), ${r.non2xx - r.shed} other non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`;

const tmp = tempDir('semsearch-liveness-');
let server: { url: string; child: ChildProcess } | undefined;
try {
  const ingest = run(
    ['--index', tmp.dir, 'ingest', SEEDS, join(FIXTURES, 'scifact-300.jsonl'), '--quiet'],
    {},
  );
  await new Promise((resolve, reject) =>
    ingest.once('exit', (c) => (c === 0 ? resolve(c) : reject(new Error(`ingest exited ${c}`)))),
  );
  server = await startServer(tmp.dir);
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      server?.child.kill('SIGTERM');
      process.exit(130);
    });
  const { url, child } = server;
  const pid = child.pid as number;
  await scenario('idle', 'idle', url, pid, async () => {
    await new Promise((r) => setTimeout(r, 3000));
    return 'nothing else running';
  });
  await scenario('search', `${CONNECTIONS} connections of search`, url, pid, async () =>
    describeLoad(await startLoad(url, LOAD_SECONDS).done),
  );
  await scenario('write', `API write of ${ARTICLES} articles`, url, pid, () => write(url, 'a'));
  await scenario('write-health', `write + ${CONNECTIONS} connections of /health`, url, pid, async () => {
    const load = startLoad(url, 3600, 'health');
    const wrote = await write(url, 'h');
    load.stop();
    const r = await load.done;
    return `${wrote}; ${r.requests} /health requests, ${fmt(r.rps, 0)}/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.errors} errors`;
  });
  await scenario('write-search', `write + ${CONNECTIONS} connections of search`, url, pid, async () => {
    const load = startLoad(url, 3600);
    const wrote = await write(url, 'b');
    load.stop();
    return `${wrote}; ${describeLoad(await load.done)}`;
  });
  if (!chosen || chosen.includes('pages')) {
    const pages = await followHostilePages(KEY);
    try {
      await scenario(
        'pages',
        `serve --follow, a feed of ${HOSTILE_PAGES.map((p) => p.what).join('; ')}`,
        pages.url,
        pages.pid,
        () => pages.done,
      );
    } finally {
      await pages.stop();
    }
  }
  table(
    `/health answered one at a time (10 ms apart) while the server (its own process, ${CONNECTIONS}-connection load from a worker thread) is busy`,
    ['scenario', 'work', 'probes', 'failed', 'p50 ms', 'p99 ms', 'max ms', 'server RSS MiB'],
    rows,
  );
} finally {
  server?.child.kill('SIGTERM');
  if (server) await new Promise((r) => server?.child.once('exit', r));
  tmp.cleanup();
}
