/**
 * The two-writer drill of `npm run faults` (`--only writers` runs it alone), on real processes
 * sharing one index: `serve` with an API key writing articles over `POST /v1/articles`, CLI
 * `ingest`s of a growing `.jsonl` collection, and a `watch` of a folder whose files are
 * changed, added and deleted, all three at once in each round (a writer that finds the index
 * locked tries again, as users and the watcher do). Then every reader's dense results (the live
 * server's before it stops, a new `ask --mode dense --json` process and an in-process engine
 * after) must equal those of a clean rebuild of the same content in a fresh index: the same
 * article ids in the same order, with the same scores. And no reader may find the saved graph
 * short (a graph saved without another process's passages, under a lineage claiming them).
 *
 * Every process embeds one passage per forward pass (SEMSEARCH_BATCH_SIZE=1): q8 vectors
 * still move in the fourth decimal with what shares their batch (bench/batch-neighbours.ts),
 * and this drill is about which vectors the graph holds, so they must be equal bit for bit.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSqliteStore } from '../src/backends/embedded/index.js';
import { createSearchEngine } from '../src/index.js';
import { ROOT, startServeProcess } from './lib.js';

const CLI = join(ROOT, 'bin', 'semsearch.js');
const KEY = 'drill-key-0123456789';
const ENV = { SEMSEARCH_BATCH_SIZE: '1' };
const ROUNDS = 3;
const K = 5;

interface Record_ {
  id: string;
  title: string;
  text: string;
}
/** A dense hit: its article and its cosine (passage ids differ between the two indexes). */
type Hit = { id: string; score: number };
type Body = { hits?: Array<{ articleId: string; scores: { dense: number | null } }> };
const hitsOf = (body: Body): Hit[] =>
  (body.hits ?? []).map((h) => ({ id: h.articleId, score: h.scores.dense ?? 0 }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A CLI run; an index locked by another writer is tried again, as a user would. */
async function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  for (let attempt = 0; ; attempt++) {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...ENV },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const status = await new Promise<number>((r) => child.once('exit', (c) => r(c ?? 1)));
    if (status !== 0 && /is writing to the index/.test(stderr) && attempt < 60) {
      await sleep(500);
      continue;
    }
    return { status, stdout, stderr };
  }
}

async function post(url: string, articles: readonly object[]): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${url}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: JSON.stringify({ articles }),
    });
    await res.arrayBuffer();
    if (res.status === 409 && attempt < 60) {
      await sleep(500);
      continue;
    }
    return res.status;
  }
}

/** `watch` as a child; `settled(n)` resolves once it has logged n batches that changed something. */
function startWatch(indexDir: string, folder: string) {
  const child: ChildProcess = spawn(process.execPath, [CLI, 'watch', folder, '--index', indexDir], {
    env: { ...process.env, ...ENV },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  let changedAt = Date.now();
  child.stderr?.on('data', () => {
    changedAt = Date.now();
  });
  const batches = () => (log.match(/\d+ new, \d+ changed, \d+ removed/g) ?? []).length;
  return {
    child,
    batches,
    /** Once it has logged more than `after` batches and then nothing for `quietMs` (a locked batch is retried in 5 s). */
    async settled(after: number, quietMs = 0, timeoutMs = 180_000) {
      const until = Date.now() + timeoutMs;
      while ((batches() <= after || Date.now() - changedAt < quietMs) && Date.now() < until) await sleep(100);
      if (batches() <= after)
        throw new Error(`watch logged ${batches()} batches, waited for more than ${after}:\n${log}`);
    },
  };
}

const toFile = (r: Record_) => `${r.title}\n\n${r.text}\n`;

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

/** Dense results of every question, through `ask` in a new process; its stderr must not say it rebuilt. */
async function askAll(indexDir: string, questions: readonly string[], fail: (m: string) => void) {
  const out: Hit[][] = [];
  for (const q of questions) {
    const r = await cli([
      'ask',
      q,
      '--index',
      indexDir,
      '--mode',
      'dense',
      '--json',
      '--all',
      '-k',
      String(K),
    ]);
    if (r.status !== 0) fail(`ask "${q}" exited ${r.status}: ${r.stderr.trim()}`);
    if (/rebuilding/.test(r.stderr)) fail(`a reader of ${indexDir} rebuilt the graph: ${r.stderr.trim()}`);
    out.push(hitsOf(JSON.parse(r.stdout || '{}') as Body));
  }
  return out;
}

/** Dense passage hits of every question, from an engine in this process. */
async function engineAll(indexDir: string, questions: readonly string[]) {
  const engine = await createSearchEngine({ indexDir, logLevel: 'silent', batchSize: 1 });
  const out: Hit[][] = [];
  for (const q of questions) {
    const { hits } = await engine.search({ query: q, mode: 'dense', k: K });
    out.push(hitsOf({ hits }));
  }
  await engine.close();
  return out;
}

const show = (hits: readonly Hit[]) => hits.map((h) => `${h.id} ${h.score.toFixed(6)}`).join(', ');

export async function writersDrill(work: string, fail: (msg: string) => void): Promise<void> {
  const records = readFileSync(join(ROOT, 'test', 'fixtures', 'scifact-300.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record_);
  const dir = join(work, 'writers');
  const clean = join(work, 'writers-clean');
  const jsonl = join(work, 'writers-sci.jsonl');
  const folder = join(work, 'writers-news');
  mkdirSync(folder, { recursive: true });
  cpSync(join(ROOT, 'seeds'), folder, { recursive: true });
  for (const r of records.slice(200, 210)) writeFileSync(join(folder, `${r.id}.txt`), toFile(r));
  writeFileSync(jsonl, '');
  const apiArticles = records
    .slice(100, 100 + 8 * ROUNDS)
    .map((r) => ({ id: `api-${r.id}`, title: r.title, text: r.text, metadata: { collection: 'api' } }));
  const questions = [
    ...records.filter((_, i) => i % 7 === 3 && i < 260).map((r) => r.title),
    'what did Abe say about the Kurils',
  ].slice(0, 30);

  const t0 = Date.now();
  const server = await startServeProcess(['--index', dir], { SEMSEARCH_API_KEY: KEY, ...ENV });
  const watch = startWatch(dir, folder);
  try {
    await watch.settled(0);
    for (let round = 0; round < ROUNDS; round++) {
      // The three writers at once: one API write, one CLI ingest, one change in the folder.
      const lines = records.slice(round * 20, round * 20 + 20).map((r) => JSON.stringify(r));
      appendFileSync(jsonl, `${lines.join('\n')}\n`);
      if (round === 2) {
        // A changed record: the CLI replaces its passages.
        const text = readFileSync(jsonl, 'utf8').replace('"text":"', '"text":"Revised: ');
        writeFileSync(jsonl, text);
      }
      const posted = post(server.url, apiArticles.slice(round * 8, round * 8 + 8));
      const ingested = cli(['ingest', jsonl, '--index', dir, '--collection', 'sci', '--quiet']);
      await sleep(300 * round);
      const before = watch.batches();
      const fresh = records[210 + round] as Record_;
      writeFileSync(join(folder, `${fresh.id}.txt`), toFile(fresh));
      const old = records[200 + round] as Record_;
      if (round === 1) rmSync(join(folder, `${old.id}.txt`));
      else appendFileSync(join(folder, `${old.id}.txt`), `\nUpdate ${round}: ${records[250]?.text}\n`);
      const [status, ingest] = await Promise.all([posted, ingested, watch.settled(before)]);
      if (status !== 200) fail(`writers: round ${round + 1}: POST answered ${status}`);
      if (ingest.status !== 0)
        fail(`writers: round ${round + 1}: ingest exited ${ingest.status}: ${ingest.stderr}`);
    }
    await watch.settled(watch.batches() - 1, 6000);
    // The live server is a reader too: it must have caught up on the others' commits.
    const live: Hit[][] = [];
    for (const q of questions) {
      const res = await fetch(
        `${server.url}/v1/search?mode=dense&collapse=false&k=${K}&q=${encodeURIComponent(q)}`,
      );
      live.push(hitsOf((await res.json()) as Body));
    }
    await stop(watch.child, 'SIGINT');
    await stop(server.child, 'SIGTERM');
    const writeSeconds = (Date.now() - t0) / 1000;

    // The clean rebuild: the same content, one writer at a time, in a fresh index.
    const rebuild = await startServeProcess(['--index', clean], { SEMSEARCH_API_KEY: KEY, ...ENV });
    const status = await post(rebuild.url, apiArticles);
    await stop(rebuild.child, 'SIGTERM');
    const a = await cli(['ingest', jsonl, '--index', clean, '--collection', 'sci', '--quiet']);
    const b = await cli(['ingest', folder, '--index', clean, '--quiet']);
    if (status !== 200 || a.status !== 0 || b.status !== 0) fail('writers: the clean rebuild failed');

    const hashes = async (d: string) => {
      const store = createSqliteStore({ dir: d });
      const h = [...(await store.articleHashes()).entries()].sort().join('\n');
      await store.close();
      return h;
    };
    const [drilled, rebuilt] = [await hashes(dir), await hashes(clean)];
    const articles = drilled.split('\n').length;
    if (drilled !== rebuilt) {
      const [x, y] = [new Set(drilled.split('\n')), new Set(rebuilt.split('\n'))];
      const only = (a: Set<string>, b: Set<string>) => [...a].filter((l) => !b.has(l)).join('; ');
      fail(`writers: the indexes differ: drilled only ${only(x, y)}; clean only ${only(y, x)}`);
    }

    const expected = await askAll(clean, questions, fail);
    const readers: Array<[string, Hit[][]]> = [
      ['live server', live],
      ['ask', await askAll(dir, questions, fail)],
      ['engine', await engineAll(dir, questions)],
    ];
    const expectedEngine = await engineAll(clean, questions);
    let differing = 0;
    for (const [name, results] of readers) {
      const want = name === 'engine' ? expectedEngine : expected;
      questions.forEach((q, i) => {
        const got = results[i] ?? [];
        const exp = want[i] ?? [];
        const same =
          got.length === exp.length &&
          got.every((h, j) => h.id === exp[j]?.id && Math.abs(h.score - (exp[j]?.score ?? 0)) < 1e-6);
        if (!same) {
          differing++;
          fail(`writers: ${name}, "${q}":\n    got   ${show(got)}\n    clean ${show(exp)}`);
        }
      });
    }
    console.log(
      `two writers and a watcher, ${ROUNDS} rounds (${writeSeconds.toFixed(0)} s): ${articles} articles, the same as a clean rebuild: ${drilled === rebuilt}; dense top ${K} of ${questions.length} questions × ${readers.length} readers (live server, ask, engine): ${differing} differ from the clean rebuild`,
    );
  } finally {
    await stop(watch.child, 'SIGKILL');
    await stop(server.child, 'SIGKILL');
  }
}
