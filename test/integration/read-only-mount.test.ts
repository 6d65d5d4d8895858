/**
 * The CLI on an index it cannot write: a copy of the database alone (no -wal, no -shm) on a
 * read-only bind mount when the tests run as root (permissions block nothing for root), or in a
 * folder without write permission otherwise. `ask`, `ls`, `get` and `stats` answer; `ingest`
 * says the index is read-only. Skipped, saying why, where neither is possible.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, tempDir } from '../helpers.js';

const run = promisify(execFile);
const isRoot = process.getuid?.() === 0;

function readOnlyView(source: string, view: string): string | undefined {
  mkdirSync(view);
  if (!isRoot) {
    chmodSync(join(source, 'semsearch.db'), 0o444);
    chmodSync(source, 0o555);
    return source;
  }
  try {
    execFileSync('mount', ['--bind', '-o', 'ro', source, view], { stdio: 'ignore' });
    return view;
  } catch {
    return undefined;
  }
}

describe('CLI on a read-only index', () => {
  const tmp = tempDir();
  const built = join(tmp.dir, 'built');
  const copy = join(tmp.dir, 'copy');
  let index: string | undefined;
  const cli = (...args: string[]) =>
    run(process.execPath, [CLI, ...args, '--index', index ?? ''], { env: { ...process.env, NO_COLOR: '1' } });

  beforeAll(async () => {
    const file = join(tmp.dir, 'harbour.txt');
    writeFileSync(
      file,
      'Harbour frozen\n\nThe harbour froze over in the night and the ferries stayed in port.\n',
    );
    await run(process.execPath, [CLI, 'ingest', file, '--collection', 'news', '--index', built]);
    mkdirSync(copy);
    copyFileSync(join(built, 'semsearch.db'), join(copy, 'semsearch.db'));
    index = readOnlyView(copy, join(tmp.dir, 'view'));
  }, 300_000);
  afterAll(() => {
    if (isRoot && index) execFileSync('umount', [index]);
    if (!isRoot) chmodSync(copy, 0o755);
    tmp.cleanup();
  });

  it('ask, ls, get and stats answer; ingest says the index is read-only', async (ctx) => {
    if (!index) return ctx.skip(); // root without permission to mount: nothing read-only to test on
    const asked = await cli('ask', 'frozen harbour ferries');
    expect(asked.stdout).toContain('Harbour frozen');
    expect((await cli('ls')).stdout).toContain('news/harbour');
    expect((await cli('get', 'news/harbour')).stdout).toContain('ferries stayed in port');
    expect((await cli('stats')).stdout).toMatch(/articles:\s+1/);
    const file = join(tmp.dir, 'more.txt');
    writeFileSync(file, 'More\n\nAnother article.\n');
    await expect(cli('ingest', file)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/read-only.*searching works/),
    });
  });
});
