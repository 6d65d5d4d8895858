/**
 * An index that cannot be written (a copy on a read-only mount, or without write permission)
 * is searched, listed and read as usual; a write is refused with INDEX_READ_ONLY and changes
 * nothing. Tests may run as root, for whom permissions block nothing: the read-only open is
 * then forced with the engine's `readOnly` option (what the open chooses by itself when the
 * folder or database cannot be written), and the chmod case runs only for other users.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabaseImage } from '../../src/backends/embedded/sqlite-open.js';
import { resolveConfig } from '../../src/config.js';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { type Article, createSearchEngine, type SearchEngine } from '../../src/index.js';
import { DATABASE_FILE } from '../../src/index-files.js';
import { createHttpApp } from '../../src/serve/http/index.js';
import { tempDir } from '../helpers.js';

const article = (id: string, text: string): Article => ({
  id,
  title: id,
  text,
  paragraphs: [{ index: 0, start: 0, end: text.length }],
  metadata: { collection: 'news' },
});

const isRoot = process.getuid?.() === 0;

describe('a read-only index', () => {
  const tmp = tempDir();
  const source = join(tmp.dir, 'source');
  const copy = join(tmp.dir, 'copy');
  let expected: string[];

  beforeAll(async () => {
    const engine = await createSearchEngine({
      indexDir: source,
      embedder: createFakeEmbedder(),
      logLevel: 'silent',
    });
    await engine.ingestArticles([
      article('news/harbour', 'The harbour froze over in the night and the ferries stayed in port.'),
      article('news/glacier', 'Glaciers retreated up the valley during the warm summer.'),
    ]);
    expected = (await engine.search({ query: 'harbour ferries', k: 2 })).hits.map((h) => h.articleId);
    await engine.close();
    // The database alone, as copied without its -wal and -shm files.
    mkdirSync(copy);
    copyFileSync(join(source, DATABASE_FILE), join(copy, DATABASE_FILE));
  });
  afterAll(() => {
    if (existsSync(copy)) chmodSync(copy, 0o755);
    tmp.cleanup();
  });

  const open = (readOnly: boolean): Promise<SearchEngine> =>
    createSearchEngine({
      indexDir: copy,
      embedder: createFakeEmbedder(),
      logLevel: 'silent',
      mustExist: true,
      ...(readOnly ? { readOnly } : {}),
    });

  async function readsAndRefusesWrites(engine: SearchEngine) {
    const before = readFileSync(join(copy, DATABASE_FILE));
    expect((await engine.search({ query: 'harbour ferries', k: 2 })).hits.map((h) => h.articleId)).toEqual(
      expected,
    );
    expect((await engine.listArticles({})).total).toBe(2);
    expect((await engine.getArticle('news/glacier'))?.title).toBe('news/glacier');
    expect((await engine.stats()).articles).toBe(2);
    await expect(engine.ingestArticles([article('news/new', 'A new article.')])).rejects.toMatchObject({
      code: 'INDEX_READ_ONLY',
      message: expect.stringMatching(/open read-only.*searching works/),
    });
    await expect(engine.deleteArticles(['news/harbour'])).rejects.toMatchObject({ code: 'INDEX_READ_ONLY' });
    expect((await engine.stats()).articles).toBe(2);
    expect(readdirSync(copy)).not.toContain('write.lock');
    expect(readFileSync(join(copy, DATABASE_FILE)).equals(before)).toBe(true);
  }

  it('opened read-only: search, list, get and stats work; writes are INDEX_READ_ONLY', async () => {
    const engine = await open(true);
    try {
      await readsAndRefusesWrites(engine);
      // The HTTP API on it: searching works, a write is 503 INDEX_READ_ONLY.
      const key = 'read-only-key-0123456789';
      const app = createHttpApp({ engine, config: resolveConfig({ indexDir: copy, apiKey: key }) });
      expect((await app.request('/v1/search?q=harbour')).status).toBe(200);
      const write = await app.request('/v1/articles', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ id: 'x', title: 'X', text: 'Some text.' }),
      });
      expect(write.status).toBe(503);
      expect(((await write.json()) as { error: { code: string } }).error.code).toBe('INDEX_READ_ONLY');
    } finally {
      await engine.close();
    }
  });

  it.skipIf(isRoot)('a copy without write permission is opened read-only by itself', async () => {
    chmodSync(join(copy, DATABASE_FILE), 0o444);
    chmodSync(copy, 0o555);
    try {
      const engine = await open(false);
      try {
        await readsAndRefusesWrites(engine);
      } finally {
        await engine.close();
      }
    } finally {
      chmodSync(copy, 0o755);
    }
  });

  it('a WAL database without its -shm file is read from memory when it cannot be opened in place', () => {
    const path = join(tmp.dir, 'wal.db');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.exec("CREATE TABLE t (x); INSERT INTO t VALUES ('kept')");
    db.close();
    expect(readFileSync(path)[18]).toBe(2); // a WAL-mode header
    const image = openDatabaseImage(path);
    expect(image.prepare('SELECT x FROM t').all()).toEqual([{ x: 'kept' }]);
    expect(() => image.exec("INSERT INTO t VALUES ('no')")).toThrow(/readonly/);
    image.close();
  });
});
