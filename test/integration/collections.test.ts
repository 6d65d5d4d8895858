/**
 * Collections and stable ids through the built CLI: the same files get the same ids from any
 * folder, prune stays inside its collection (with a dry run), and ls/get/rm manage documents.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, SEEDS, tempDir } from '../helpers.js';

const run = promisify(execFile);
const SEED0 = '000_49243b7414c43ba9';
const SEED1 = '001_5b0540494f67e9be';

async function cli(args: string[], cwd = ROOT) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('collections and stable ids', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('re-ingesting the seeds from the repository root and from seeds/ itself embeds nothing', async () => {
    const index = join(tmp.dir, 'seeds-index');
    const first = await cli(['ingest', 'seeds', '--index', index, '--json'], ROOT);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ articlesNew: 2 });
    const again = await cli(['ingest', '.', '--index', index, '--json'], SEEDS);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      articlesNew: 0,
      articlesUnchanged: 2,
      passagesEmbedded: 0,
    });
    const ls = JSON.parse((await cli(['ls', '--index', index, '--json'])).stdout);
    expect(ls.total).toBe(2);
    expect(ls.articles.map((a: { id: string }) => a.id)).toEqual([`seeds/${SEED0}`, `seeds/${SEED1}`]);
    expect(ls.articles[0].collection).toBe('seeds');
  });

  it('the seed sidecar gives the real dates; --from/--to compare dates, and an emptying filter is named', async () => {
    const index = join(tmp.dir, 'seeds-index');
    const early = JSON.parse((await cli(['get', `seeds/${SEED0}`, '--json', '--index', index])).stdout);
    const late = JSON.parse((await cli(['get', `seeds/${SEED1}`, '--json', '--index', index])).stdout);
    expect([early.date, late.date]).toEqual(['2018-01-22', '2019-01-28']);
    const ids = async (...args: string[]) => {
      const r = await cli(['ask', 'Abe', '--json', '--index', index, ...args]);
      expect(r.code, r.stderr).toBe(0);
      return [...new Set(JSON.parse(r.stdout).hits.map((h: { articleId: string }) => h.articleId))];
    };
    expect(await ids('--from', '2019-01-01')).toEqual([`seeds/${SEED1}`]);
    expect(await ids('--to', '2018')).toEqual([`seeds/${SEED0}`]);
    expect(await ids('--from', '2019-01', '--to', '2019-01')).toEqual([`seeds/${SEED1}`]);
    const empty = await cli(['ask', 'Abe', '--from', '2020', '--source', 'TASS', '--index', index]);
    // Nothing found is a failure a script can see: the reason on stderr, nothing on stdout.
    expect(empty.code).toBe(1);
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toContain('the filter --from 2020 left nothing');
  });

  it('a dateline without a year takes --year, else is stored year-unknown and reported', async () => {
    const index = join(tmp.dir, 'year-index');
    const bare = join(tmp.dir, 'bare');
    mkdirSync(bare, { recursive: true });
    cpSync(join(SEEDS, `${SEED0}.txt`), join(bare, 'a.txt'));
    const unknown = await cli(['ingest', bare, '--index', index]);
    expect(unknown.code).toBe(0);
    expect(unknown.stderr).toMatch(/the dateline has no year; stored as --01-22/);
    expect(JSON.parse((await cli(['get', 'bare/a', '--json', '--index', index])).stdout).date).toBe(
      '--01-22',
    );
    const known = await cli(['ingest', bare, '--year', '2018', '--index', index]);
    expect(known.stderr).not.toContain('has no year');
    expect(JSON.parse((await cli(['get', 'bare/a', '--json', '--index', index])).stdout).date).toBe(
      '2018-01-22',
    );
    expect((await cli(['ingest', bare, '--year', '18', '--index', index])).code).toBe(2);
  });

  it('prune stays inside its collection; --dry-run lists exactly what would go', async () => {
    const index = join(tmp.dir, 'prune-index');
    const shared = join(tmp.dir, 'shared');
    mkdirSync(join(shared, 'sub'), { recursive: true });
    cpSync(join(SEEDS, `${SEED0}.txt`), join(shared, 'kept.txt'));
    cpSync(join(SEEDS, `${SEED1}.txt`), join(shared, 'gone.txt'));
    cpSync(join(SEEDS, `${SEED1}.txt`), join(shared, 'sub', 'other.txt'));
    expect((await cli(['ingest', shared, '--collection', 'x', '--index', index])).code).toBe(0);
    const sub = await cli(['ingest', join(shared, 'sub'), '--collection', 'y', '--index', index]);
    expect(sub.code).toBe(0);
    // The same text under x/gone, x/sub/other and y/other is one story: the copy is counted in
    // the summary (one line, not a warning per copy) and its passages cost no model time.
    expect(sub.stderr).toContain('copies: 1 exact copy');
    expect(sub.stderr).toContain('passages embedded: 0, 9 reused');
    rmSync(join(shared, 'gone.txt'));
    rmSync(join(shared, 'sub'), { recursive: true });

    const dry = await cli(['ingest', shared, '--collection', 'x', '--prune', '--dry-run', '--index', index]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout.trim().split('\n').sort()).toEqual(['would remove x/gone', 'would remove x/sub/other']);
    const before = JSON.parse((await cli(['collections', '--index', index, '--json'])).stdout);
    expect(before).toEqual([
      { name: 'x', articles: 3 },
      { name: 'y', articles: 1 },
    ]);

    const real = await cli(['ingest', shared, '--collection', 'x', '--prune', '--json', '--index', index]);
    expect(JSON.parse(real.stdout)).toMatchObject({ articlesRemoved: 2 });
    const after = JSON.parse((await cli(['collections', '--index', index, '--json'])).stdout);
    // y/other's file is gone too, but it is not in collection x: untouched.
    expect(after).toEqual([
      { name: 'x', articles: 1 },
      { name: 'y', articles: 1 },
    ]);
    const onlyY = JSON.parse(
      (await cli(['ask', 'Kurils', '--collection', 'y', '--json', '--index', index])).stdout,
    );
    expect(onlyY.hits.length).toBeGreaterThan(0);
    expect(new Set(onlyY.hits.map((h: { articleId: string }) => h.articleId))).toEqual(new Set(['y/other']));
  });

  it('ls, get and rm manage documents with the usual exit codes', async () => {
    const index = join(tmp.dir, 'manage-index');
    expect((await cli(['ingest', SEEDS, '--index', index])).code).toBe(0);
    const get = await cli(['get', `seeds/${SEED1}`, '--index', index]);
    expect(get.code).toBe(0);
    expect(get.stdout).toMatch(/^id: +seeds\/001_5b0540494f67e9be\ntitle: +Tokyo seeks peace treaty/);
    const missing = await cli(['get', 'seeds/nope', '--index', index]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No article "seeds\/nope"; list the ids with "semsearch ls"/);
    // Not a terminal: rm needs --yes, and removes nothing without it.
    const refused = await cli(['rm', `seeds/${SEED0}`, '--index', index]);
    expect(refused.code).toBe(2);
    expect((await cli(['rm', '--index', index, '--yes'])).code).toBe(2);
    const removed = await cli(['rm', `seeds/${SEED0}`, '--yes', '--index', index]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stderr).toContain('removed 1 article');
    const ls = await cli(['ls', '--index', index]);
    expect(ls.stdout.trim().split('\n')).toHaveLength(1);
    expect(ls.stdout).toMatch(/^seeds\/001_5b0540494f67e9be\t/);
    expect((await cli(['rm', '--collection', 'seeds', '--yes', '--index', index])).code).toBe(0);
    expect(JSON.parse((await cli(['ls', '--json', '--index', index])).stdout).total).toBe(0);
  });
});
