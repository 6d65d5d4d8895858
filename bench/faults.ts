/**
 * `npm run faults`: crash and restart drills.
 *  1. N times (default 20): start `semsearch ingest` on SciFact abstracts, SIGKILL it at a random
 *     moment, then check the index: integrity_check ok, no article without passages, FTS rows
 *     equal passages, search works, and finishing the ingest gets every article in.
 *  2. A client searches in a loop while the server is SIGKILLed and restarted on the same port:
 *     errors only while it is down, never a wrong answer.
 *
 *  3. Store drills (issue 16): a replaced database under a saved graph, prune after failures,
 *     a reader with a missing graph, damaged files, SIGTERM during an API write.
 *  4. Two writers and a watcher (issue 34): a server's API writes, CLI ingests and a watched
 *     folder's changes interleaved; every reader's dense results equal a clean rebuild's.
 *
 *   npm run faults -- [--runs 20] [--only kills,restart,store,writers]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createSqliteStore } from '../src/backends/embedded/index.js';
import { createSearchEngine } from '../src/index.js';
import { storeDrills } from './faults-store.js';
import { writersDrill } from './faults-writers.js';
import { ROOT } from './lib.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '20' }, only: { type: 'string' } },
});
const chosen = values.only?.split(',');
const runs = (drill: string) => !chosen || chosen.includes(drill);
const RUNS = runs('kills') ? Number(values.runs) : 0;
const CLI = join(ROOT, 'bin', 'semsearch.js');
const ARTICLES = 100;
const work = mkdtempSync(join(tmpdir(), 'semsearch-faults-'));
const corpus = join(work, 'scifact-100.jsonl');
writeFileSync(
  corpus,
  `${readFileSync(join(ROOT, 'test', 'fixtures', 'scifact-300.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .slice(0, ARTICLES)
    .join('\n')}\n`,
);
let failures = 0;
const fail = (msg: string) => {
  failures++;
  console.log(`  FAIL ${msg}`);
};

if (RUNS > 0) console.log(`# fault drills: ${RUNS} SIGKILLs during ingest`);
for (let run = 1; run <= RUNS; run++) {
  const indexDir = join(work, `index-${run}`);
  const delayMs = 300 + Math.floor(Math.random() * 5000);
  const child = spawn(process.execPath, [CLI, 'ingest', corpus, '--index', indexDir, '--quiet', '--json'], {
    stdio: 'ignore',
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await Promise.race([exited, new Promise((r) => setTimeout(r, delayMs))]);
  const killedMidway = child.exitCode === null;
  child.kill('SIGKILL');
  await exited;
  let committed = 0;
  try {
    const engine = await createSearchEngine({ indexDir, logLevel: 'silent' });
    const integrity = await engine.integrityCheck();
    if (integrity !== 'ok') fail(`run ${run}: integrity_check says ${integrity}`);
    const store = createSqliteStore({ dir: indexDir });
    const hashes = await store.articleHashes();
    committed = hashes.size;
    for (const id of hashes.keys()) {
      const article = await engine.getArticle(id);
      if (!article || article.passageCount === 0)
        fail(`run ${run}: article ${id} is stored without passages`);
      const lexical = await store.lexicalSearch(article?.title ?? '', 1000);
      if (lexical.length === 0) fail(`run ${run}: article ${id} not in the FTS index`);
    }
    await store.close();
    if (committed > 0) {
      const { hits } = await engine.search({ query: 'cerebral white matter in newborns', k: 3 });
      if (hits.length === 0) fail(`run ${run}: search returned nothing`);
    }
    const summary = await engine.ingestPaths([corpus]);
    if (summary.articlesUnchanged !== committed || (await engine.stats()).articles !== ARTICLES) {
      fail(
        `run ${run}: re-ingest gave ${(await engine.stats()).articles} articles (${summary.articlesUnchanged} unchanged, ${committed} committed before)`,
      );
    }
    if ((await engine.integrityCheck()) !== 'ok') fail(`run ${run}: integrity after re-ingest`);
    await engine.close();
  } catch (error) {
    fail(`run ${run}: ${(error as Error).message}`);
  }
  console.log(
    `run ${String(run).padStart(2)}: killed after ${delayMs} ms${killedMidway ? '' : ' (had finished)'}, ${committed}/${ARTICLES} articles committed, checks ${failures === 0 ? 'ok' : 'FAILED'}`,
  );
  rmSync(indexDir, { recursive: true, force: true });
}

// --- server restart while a client searches --------------------------------------------------
if (runs('restart')) await restartDrill();
async function restartDrill() {
  const indexDir = join(work, 'serve-index');
  {
    const engine = await createSearchEngine({ indexDir, logLevel: 'silent' });
    await engine.ingestPaths([join(ROOT, 'seeds')]);
    await engine.close();
  }
  const startServer = (port: number): Promise<{ child: ChildProcess; port: number }> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, 'serve', '--index', indexDir, '--port', String(port)], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let buf = '';
      child.stderr?.on('data', (d: Buffer) => {
        buf += d.toString();
        const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(buf);
        if (m) resolve({ child, port: Number(m[1]) });
      });
      child.once('exit', () => reject(new Error(buf)));
    });
  let server = await startServer(0);
  const url = `http://127.0.0.1:${server.port}/v1/search?q=${encodeURIComponent('what did Abe say about the Kurils')}&k=1`;
  const KURIL = [
    'Kunashir and Iturup',
    'southern part of the Kuril Islands',
    'South Kuril Island of Shikotan',
    'solve their territorial problem',
  ];
  let ok = 0;
  let errors = 0;
  let wrong = 0;
  let down = false;
  let errorsWhileUp = 0;
  const stopAt = Date.now() + 12_000;
  const client = (async () => {
    while (Date.now() < stopAt) {
      try {
        const res = await fetch(url);
        const body = (await res.json()) as { hits?: Array<{ text: string }> };
        if (res.status === 200 && KURIL.some((s) => body.hits?.[0]?.text.includes(s))) ok++;
        else if (res.status === 200) wrong++;
        else {
          errors++;
          if (!down) errorsWhileUp++;
        }
      } catch {
        errors++;
        if (!down) errorsWhileUp++;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  await new Promise((r) => setTimeout(r, 3000));
  down = true;
  server.child.kill('SIGKILL');
  await new Promise((r) => server.child.once('exit', r));
  const okBefore = ok;
  server = await startServer(server.port);
  down = false;
  await client;
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
  console.log(
    `server restart: ${ok} correct answers (${okBefore} before the kill, ${ok - okBefore} after), ${errors} errors during the gap, ${errorsWhileUp} errors while up, ${wrong} wrong answers`,
  );
  if (wrong > 0 || errorsWhileUp > 0 || ok === okBefore) fail('server restart drill');
}

if (runs('store')) {
  console.log('# store drills (issue 16 items 2, 3, 7, 8, 11)');
  await storeDrills(work, corpus, fail);
}
if (runs('writers')) {
  console.log('# two writers and a watcher (issue 34)');
  await writersDrill(work, fail);
}

rmSync(work, { recursive: true, force: true });
console.log(failures === 0 ? `all fault drills passed (${RUNS} kills)` : `${failures} checks failed`);
process.exitCode = failures === 0 ? 0 : 1;
