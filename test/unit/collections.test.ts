/**
 * Collections in the library and the SQLite store: ids, the schema 2 → 3 migration (the
 * collection column filled from the metadata watch/follow wrote), filters and listings.
 */
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/backends/embedded/index.js';
import { SCHEMA_VERSION } from '../../src/backends/index.js';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { createSearchEngine } from '../../src/index.js';
import { SEEDS, tempDir } from '../helpers.js';

describe('collections (library and SQLite store)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let indexDir: string;
  const open = () => createSearchEngine({ indexDir, embedder: createFakeEmbedder(), logLevel: 'silent' });

  beforeEach(() => {
    tmp = tempDir();
    indexDir = join(tmp.dir, 'index');
  });
  afterEach(() => tmp.cleanup());

  it('a schema-2 index gains the collection column, filled from metadata.collection', async () => {
    const engine = await open();
    await engine.ingestArticles([
      {
        id: 'w/a',
        title: 'Watched',
        text: 'Kuril islands talks resumed in Moscow.',
        paragraphs: [{ index: 0, start: 0, end: 38 }],
        metadata: { collection: 'w' },
      },
    ]);
    await engine.close();
    // Back to schema 2: no collection column.
    const db = new Database(join(indexDir, DATABASE_FILE));
    db.exec('DROP INDEX articles_collection; ALTER TABLE articles DROP COLUMN collection');
    db.prepare("UPDATE meta SET value = '2' WHERE key = 'schema_version'").run();
    db.close();

    const reopened = await open();
    expect(await reopened.collections()).toEqual([{ name: 'w', articles: 1 }]);
    expect((await reopened.getArticle('w/a'))?.collection).toBe('w');
    const hits = await reopened.search({ query: 'Kuril', mode: 'lexical', filters: { collections: ['w'] } });
    expect(hits.hits.map((h) => h.articleId)).toEqual(['w/a']);
    const none = await reopened.search({ query: 'Kuril', mode: 'lexical', filters: { collections: ['x'] } });
    expect(none.hits).toEqual([]);
    await reopened.close();
    const check = new Database(join(indexDir, DATABASE_FILE), { readonly: true });
    const version = check.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as {
      value: string;
    };
    check.close();
    expect(Number(version.value)).toBe(SCHEMA_VERSION);
  });

  it('ids are collection/relative-path from any root; listings page by id', async () => {
    const news = join(tmp.dir, 'news');
    mkdirSync(join(news, 'asia'), { recursive: true });
    cpSync(join(SEEDS, '000_49243b7414c43ba9.txt'), join(news, 'asia', 'abe.txt'));
    cpSync(join(SEEDS, '001_5b0540494f67e9be.txt'), join(news, 'treaty.txt'));
    const engine = await open();
    await engine.ingestPaths([news], { collection: 'news' });
    const again = await engine.ingestPaths([join(news, '..', 'news')], { collection: 'news' });
    expect(again).toMatchObject({ articlesNew: 0, articlesUnchanged: 2, passagesEmbedded: 0 });
    const page = await engine.listArticles({ collection: 'news', limit: 1 });
    expect(page).toMatchObject({ total: 2, articles: [{ id: 'news/asia/abe', collection: 'news' }] });
    const next = await engine.listArticles({ collection: 'news', offset: 1, limit: 1 });
    expect(next.articles.map((a) => a.id)).toEqual(['news/treaty']);
    await expect(engine.ingestPaths([news], { collection: 'a/b' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    await engine.close();
  });
});
