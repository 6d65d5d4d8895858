import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { createSearchEngine } from '../../src/index.js';
import { renderStats } from '../../src/serve/cli/render.js';
import {
  liveSourceStatus,
  readSourceStatus,
  SOURCES_FILE,
  sourceRunning,
  updateSourceStatus,
} from '../../src/subscriptions/index.js';
import { createFolderWatcher } from '../../src/watch/index.js';
import { eventually, tempDir } from '../helpers.js';

describe('source status', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('keeps a field the patch leaves undefined, and adds errors up', () => {
    updateSourceStatus(tmp.dir, 'feed', 'https://example.org/rss', {
      collection: 'news',
      lastCheck: '2024-01-01T00:00:00Z',
      lastChange: '2024-01-01T00:00:00Z',
      addErrors: 1,
      lastError: 'timeout',
    });
    updateSourceStatus(tmp.dir, 'feed', 'https://example.org/rss', {
      lastCheck: '2024-01-02T00:00:00Z',
      lastChange: undefined,
      addErrors: 0,
      lastError: undefined,
    });
    expect(readSourceStatus(tmp.dir)).toEqual([
      {
        kind: 'feed',
        location: 'https://example.org/rss',
        collection: 'news',
        lastCheck: '2024-01-02T00:00:00Z',
        lastChange: '2024-01-01T00:00:00Z',
        errors: 1,
        lastError: 'timeout',
        articles: 0,
      },
    ]);
    // null is a value: it is written, unlike undefined.
    updateSourceStatus(tmp.dir, 'feed', 'https://example.org/rss', { lastError: null });
    expect(JSON.parse(readFileSync(join(tmp.dir, SOURCES_FILE), 'utf8')).sources[0].lastError).toBeNull();
  });
});

describe('stats of watched folders', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('says whether a folder is watched now, and counts its articles now, not when last checked', async () => {
    const root = join(tmp.dir, 'local');
    mkdirSync(root);
    for (const name of ['budget', 'flood', 'ferry'])
      writeFileSync(join(root, `${name}.md`), `# ${name}\n\nThe council spoke about the ${name}.\n`);
    const indexDir = join(tmp.dir, 'index');
    const engine = await createSearchEngine({ indexDir, embedder: createFakeEmbedder(), logLevel: 'silent' });
    try {
      const watcher = await createFolderWatcher({ engine, path: root, log: () => {} });
      await eventually(async () => expect((await engine.stats()).articles).toBe(3));
      await watcher.idle();
      const live = async () => liveSourceStatus(readSourceStatus(indexDir), await engine.collections());
      expect(await live()).toMatchObject([
        { kind: 'folder', collection: 'local', articles: 3, running: true },
      ]);
      expect(renderStats({ ...(await engine.stats()), sources: await live() })).toMatch(
        /^watched: {4}.*local → local · 3 articles · checked /m,
      );

      await watcher.stop();
      await engine.deleteArticles(['local/flood']);
      const after = await live();
      expect(after).toMatchObject([{ articles: 2, running: false }]);
      const text = renderStats({ ...(await engine.stats()), sources: after });
      expect(text).not.toMatch(/^watched:/m);
      expect(text).toMatch(/^stopped: {4}.*local → local · 2 articles · not watched now; last checked /m);
    } finally {
      await engine.close();
    }
  });

  it('takes a watcher whose process is gone (killed, crashed) as stopped', () => {
    const entry = {
      kind: 'folder' as const,
      location: '/news',
      collection: 'news',
      lastCheck: null,
      lastChange: null,
      errors: 0,
      lastError: null,
      articles: 5,
    };
    // Process ids stay below 2^22 on Linux: this one is no process.
    expect(sourceRunning({ ...entry, pid: 2 ** 30, host: hostname() })).toBe(false);
    expect(sourceRunning({ ...entry, pid: process.pid, host: hostname() })).toBe(true);
    // Written before watchers recorded their process: not taken as watched.
    expect(sourceRunning(entry)).toBe(false);
    // A feed may be followed by a cron job: not known.
    expect(sourceRunning({ ...entry, kind: 'feed' })).toBeNull();
  });
});
