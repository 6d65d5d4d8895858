/**
 * Store drills for `npm run faults` (issue 16 items 2, 3, 7, 8, 11), each on real processes:
 * the CLI and the server as children, the database and graph files on disk.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSearchEngine } from '../src/index.js';
import { ROOT } from './lib.js';

const CLI = join(ROOT, 'bin', 'semsearch.js');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
const articleCount = async (indexDir: string) => {
  const e = await createSearchEngine({ indexDir, logLevel: 'silent' });
  const n = (await e.stats()).articles;
  await e.close();
  return n;
};

export async function storeDrills(work: string, corpus: string, fail: (msg: string) => void): Promise<void> {
  const seeds = join(ROOT, 'seeds');
  // 2. The database is replaced under a saved graph: dense search must find each passage itself.
  {
    const dir = join(work, 'reused');
    cli('ingest', seeds, '--index', dir, '--quiet');
    for (const f of readdirSync(dir)) if (f.startsWith('semsearch.db')) rmSync(join(dir, f));
    cli('ingest', corpus, '--index', dir, '--quiet');
    const engine = await createSearchEngine({ indexDir: dir, logLevel: 'silent' });
    let right = 0;
    for (let id = 1; id <= 20; id++) {
      const p = await engine.getPassage(id * 7);
      const r = await engine.search({ query: p?.text.slice(0, 600) ?? '', mode: 'dense', k: 1 });
      if (r.hits[0]?.passageId === p?.id) right++;
    }
    await engine.close();
    console.log(`replaced database: dense top-1 found the passage itself ${right}/20 times`);
    if (right < 20) fail('re-used passage ids');
  }
  // 3. Prune after failures removes nothing; what positively vanished goes.
  {
    const dir = join(work, 'prune');
    const docs = join(work, 'prune-docs');
    mkdirSync(docs, { recursive: true });
    cpSync(seeds, join(docs, 'seeds'), { recursive: true });
    const records = join(docs, 'records.jsonl');
    cpSync(corpus, records);
    cli('ingest', docs, '--index', dir, '--quiet');
    const before = await articleCount(dir);
    cli('ingest', join(work, 'prune-dcos'), '--index', dir, '--prune', '--quiet');
    const bytes = readFileSync(records);
    bytes[bytes.indexOf('"text"') + 10] = 0xff;
    writeFileSync(records, bytes);
    cli('ingest', docs, '--index', dir, '--prune', '--quiet');
    const afterFailures = await articleCount(dir);
    rmSync(join(docs, 'seeds', '000_49243b7414c43ba9.txt'));
    cli('ingest', docs, '--index', dir, '--prune', '--quiet');
    const afterDelete = await articleCount(dir);
    console.log(
      `prune: ${before} articles; after a mistyped path and a bad byte ${afterFailures}; after deleting one file ${afterDelete}`,
    );
    if (afterFailures !== before || afterDelete !== before - 1) fail('prune after failures');
  }
  // 7. A reader on an index whose graph is missing rebuilds it in memory and writes nothing.
  {
    const dir = join(work, 'reader');
    cli('ingest', seeds, '--index', dir, '--quiet');
    rmSync(join(dir, 'vectors.hnsw'));
    rmSync(join(dir, 'vectors.hnsw.json'));
    const ask = cli('ask', 'Kuril islands', '--index', dir, '--json');
    const files = readdirSync(dir).filter((f) => f.startsWith('vectors') || f.includes('.tmp-'));
    console.log(`reader: exit ${ask.status}, graph files written by the reader: ${files.length}`);
    if (ask.status !== 0 || files.length > 0) fail('readers never write');
  }
  // 11. An empty database file, a sidecar holding null, a damaged page: each says what it did.
  {
    const dir = join(work, 'damaged');
    cli('ingest', seeds, '--index', dir, '--quiet');
    writeFileSync(join(dir, 'vectors.hnsw.json'), 'null');
    const healed = cli('ask', 'Kuril islands', '--index', dir, '--json');
    const db = join(dir, 'semsearch.db');
    const bytes = readFileSync(db);
    bytes.fill(0x5a, 4096);
    writeFileSync(db, bytes);
    const damaged = cli('ask', 'Kuril islands', '--index', dir);
    const empty = join(work, 'empty');
    mkdirSync(empty, { recursive: true });
    writeFileSync(join(empty, 'semsearch.db'), '');
    const fresh = cli('ask', 'Kuril islands', '--index', empty);
    console.log(
      `null sidecar: exit ${healed.status}; damaged page: exit ${damaged.status} "${damaged.stderr.trim().split('\n').at(-1)}"; empty file: exit ${fresh.status}`,
    );
    if (healed.status !== 0 || !/not a valid sidecar/.test(healed.stderr)) fail('null sidecar');
    if (damaged.status !== 1 || !/damaged/.test(damaged.stderr)) fail('damaged page');
    if (!/0 bytes/.test(fresh.stderr) && fresh.status === 0) fail('empty database file');
  }
  // 8. SIGTERM during an API write: the write finishes and commits before the server exits.
  {
    const dir = join(work, 'sigterm');
    const key = 'drill-key';
    const child = spawn(process.execPath, [CLI, 'serve', '--index', dir, '--port', '0'], {
      env: { ...process.env, SEMSEARCH_API_KEY: key },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    const port = await new Promise<number>((resolve, reject) => {
      child.stderr?.on('data', (d: Buffer) => {
        log += d.toString();
        const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(log);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', () => reject(new Error(log)));
    });
    const articles = readFileSync(corpus, 'utf8')
      .trim()
      .split('\n')
      .slice(0, 60)
      .map((l) => JSON.parse(l) as { id: string; title: string; text: string });
    const write = fetch(`http://127.0.0.1:${port}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ articles }),
    });
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGTERM');
    const status = await write.then((r) => r.status).catch(() => 0);
    await new Promise((r) => child.once('exit', r));
    const stored = existsSync(join(dir, 'semsearch.db')) ? await articleCount(dir) : 0;
    console.log(
      `SIGTERM during a 60-article write: response ${status}, ${stored} articles stored after exit`,
    );
    if (status !== 200 || stored !== 60) fail('SIGTERM during an API write');
  }
}
