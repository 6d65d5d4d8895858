/**
 * A live `semsearch serve --watch DIR` (the built CLI as a child process): files are edited,
 * saved atomically (temp file + rename), renamed and deleted, and a client sees each change in
 * search within seconds. Assertions poll; nothing waits a fixed time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSourceStatus } from '../../src/subscriptions/index.js';
import { CLI, eventually, tempDir } from '../helpers.js';

describe('serve --watch', () => {
  const tmp = tempDir();
  const news = join(tmp.dir, 'news');
  let child: ChildProcess;
  let url = '';
  let stderr = '';

  const search = async (q: string) => {
    const res = await fetch(`${url}/v1/search?q=${encodeURIComponent(q)}&k=3`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { hits: Array<{ articleId: string; text: string }> }).hits;
  };
  const articleStatus = async (id: string) =>
    (await fetch(`${url}/v1/articles/${encodeURIComponent(id)}`)).status;

  beforeAll(async () => {
    mkdirSync(join(news, 'world'), { recursive: true });
    writeFileSync(
      join(news, 'storm.md'),
      '# Storm closes Nakhodka harbour\n\nA storm closed the port of Nakhodka to all shipping for three days.\n',
    );
    writeFileSync(
      join(news, 'world', 'quotas.md'),
      '# Salmon quotas agreed\n\nRussia and Japan agreed salmon quotas near the Kuril Islands.\n',
    );
    writeFileSync(
      join(news, 'ferry.md'),
      '# New ferry\n\nAn ice-class ferry joined the winter route to Russky Island.\n',
    );
    child = spawn(
      process.execPath,
      [CLI, 'serve', '--port', '0', '--watch', news, '--index', join(tmp.dir, 'index')],
      {
        env: { ...process.env, NO_COLOR: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    url = await eventually(async () => {
      const m = /listening on (http:\/\/\S+)/.exec(stderr);
      if (!m?.[1]) throw new Error(`not listening yet: ${stderr}`);
      return m[1];
    });
  });
  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    tmp.cleanup();
  });

  it('indexes the folder at start, then follows edits, atomic saves, renames and deletes', async () => {
    await eventually(async () => {
      expect((await search('storm closed the port'))[0]?.articleId).toBe('news/storm');
      expect((await search('salmon quotas Kuril'))[0]?.articleId).toBe('news/world/quotas');
    });

    // Edit in place.
    writeFileSync(
      join(news, 'storm.md'),
      '# Volcano erupts\n\nA volcano on Kamchatka erupted and sent ash ten kilometres high.\n',
    );
    await eventually(async () => {
      const hit = (await search('volcano ash Kamchatka'))[0];
      expect(hit?.articleId).toBe('news/storm');
      expect(hit?.text).toContain('Kamchatka');
    });

    // An editor's atomic save: write a hidden temp file, rename it over the original.
    writeFileSync(
      join(news, '.ferry.md.swp'),
      '# Ferry cancelled\n\nThe ferry to Russky Island was cancelled because the strait froze.\n',
    );
    renameSync(join(news, '.ferry.md.swp'), join(news, 'ferry.md'));
    await eventually(async () => {
      const hit = (await search('strait froze ferry cancelled'))[0];
      expect(hit?.articleId).toBe('news/ferry');
      expect(hit?.text).toContain('froze');
    });

    // Rename: the old id goes, the new one comes.
    renameSync(join(news, 'world', 'quotas.md'), join(news, 'world', 'fishing.md'));
    await eventually(async () => {
      expect(await articleStatus('news/world/quotas')).toBe(404);
      expect((await search('salmon quotas Kuril'))[0]?.articleId).toBe('news/world/fishing');
    });

    // Delete.
    rmSync(join(news, 'world', 'fishing.md'));
    await eventually(async () => {
      expect(await articleStatus('news/world/fishing')).toBe(404);
    });
    expect(await articleStatus('news/ferry')).toBe(200);

    const stats = (await (await fetch(`${url}/v1/stats`)).json()) as {
      articles: number;
      sources: Array<Record<string, unknown>>;
    };
    expect(stats.articles).toBe(2);
    expect(stats.sources).toEqual([
      expect.objectContaining({ kind: 'folder', location: news, collection: 'news', articles: 2, errors: 0 }),
    ]);

    // The search page says how fresh the index is.
    expect(await (await fetch(`${url}/`)).text()).toContain('<p class="updated">updated just now</p>');

    // SIGTERM: watcher stopped, batch finished, server closed, clean exit.
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('SIGTERM: stopping watchers and feeds');
  });
});

describe('semsearch watch (CLI)', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('ingests what appears, then stops cleanly on Ctrl-C', async () => {
    const desk = join(tmp.dir, 'desk');
    const index = join(tmp.dir, 'index');
    mkdirSync(desk);
    const child = spawn(process.execPath, [CLI, 'watch', desk, '--collection', 'wire', '--index', index], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    try {
      await eventually(async () => expect(stderr).toContain(`watching ${desk} (collection "wire")`));
      writeFileSync(join(desk, 'one.txt'), 'Harbour cranes were repaired after the storm.\n');
      await eventually(async () => {
        const sources = readSourceStatus(index);
        expect(sources).toEqual([
          expect.objectContaining({ kind: 'folder', collection: 'wire', articles: 1 }),
        ]);
      });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(stderr).toContain('SIGINT: stopping watchers and feeds, finishing the current batch');
      expect(stderr).toContain('wire: 1 new, 0 changed, 0 removed');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
