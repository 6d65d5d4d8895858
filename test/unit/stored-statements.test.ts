/**
 * Statements stored at ingest in the SQLite store: the round trip, replacement when an article
 * changes or goes, metadata-only updates keeping them, the speakers list, the upgrade of a
 * schema-5 index (no statements) and a new extractor version, both without re-embedding.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openEmbeddedBackend } from '../../src/backends/embedded/index.js';
import { SCHEMA_VERSION } from '../../src/backends/index.js';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { type Article, createSearchEngine, extractStatements, STATEMENTS_VERSION } from '../../src/index.js';
import { tempDir } from '../helpers.js';

const brown = 'Gordon Brown said the economy was strong. "We will not raise taxes," the chancellor said.';
const blair = 'Tony Blair said Iraq was safer. "We have done the right thing," Mr Blair told MPs.';

function article(id: string, text: string, extra: Partial<Article> = {}): Article {
  return {
    id,
    title: `Title ${id}`,
    text,
    paragraphs: [{ index: 0, start: 0, end: text.length }],
    metadata: {},
    ...extra,
  };
}

describe('statements stored at ingest (SQLite)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let indexDir: string;
  const lines: string[] = [];
  const open = () =>
    createSearchEngine({ indexDir, embedder: createFakeEmbedder(), log: (l) => lines.push(l) });
  const rows = (sql: string) => {
    const db = new Database(join(indexDir, DATABASE_FILE), { readonly: true });
    try {
      return db.prepare(sql).all() as Array<Record<string, unknown>>;
    } finally {
      db.close();
    }
  };

  beforeEach(() => {
    tmp = tempDir();
    indexDir = join(tmp.dir, 'index');
    lines.length = 0;
  });
  afterEach(() => tmp.cleanup());

  it('stores each article statements with their fields and replaces them when it changes', async () => {
    const engine = await open();
    await engine.ingestArticles([
      article('a', brown, { date: '2005-03-01', collection: 'uk' }),
      article('b', blair, { date: '2004-06-02', collection: 'uk' }),
    ]);
    const stored = rows("SELECT * FROM statements WHERE article_id = 'a' ORDER BY ordinal");
    const expected = extractStatements({ title: 'Title a', text: brown });
    expect(expected.length).toBeGreaterThan(0);
    expect(
      stored.map((r) => [r.speaker, r.as_written, r.text, r.kind, r.cue, r.start, r.end, r.paragraph]),
    ).toEqual(
      expected.map((s) => [
        s.speaker,
        s.speakerAsWritten,
        s.text,
        s.kind,
        s.cue,
        s.start,
        s.end,
        s.paragraph,
      ]),
    );
    expect(rows("SELECT statements_version AS v FROM articles WHERE id = 'a'")).toEqual([
      { v: STATEMENTS_VERSION },
    ]);

    const list = await engine.speakers();
    expect(list.speakers.map((s) => [s.name, s.articles, s.firstDate, s.lastDate])).toEqual([
      ['Gordon Brown', 1, '2005-03-01', '2005-03-01'],
      ['Tony Blair', 1, '2004-06-02', '2004-06-02'],
    ]);
    expect(list.speakers[0]?.roles).toContain('the chancellor');
    expect((await engine.speakers({ dateTo: '2004' })).speakers.map((s) => s.name)).toEqual(['Tony Blair']);
    expect((await engine.speakers({ collections: ['other'] })).total).toBe(0);

    // A metadata-only change keeps them; a changed text replaces them; a removal removes them.
    const before = rows("SELECT count(*) AS n FROM statements WHERE article_id = 'a'");
    const meta = await engine.ingestArticles([article('a', brown, { date: '2005-03-09', collection: 'uk' })]);
    expect(meta).toMatchObject({ articlesMetadataOnly: 1, passagesEmbedded: 0 });
    expect(rows("SELECT count(*) AS n FROM statements WHERE article_id = 'a'")).toEqual(before);
    expect((await engine.speakers()).speakers[0]?.lastDate).toBe('2005-03-09');

    await engine.ingestArticles([article('a', blair, { collection: 'uk' })]);
    expect(rows("SELECT DISTINCT speaker FROM statements WHERE article_id = 'a'")).toEqual([
      { speaker: 'Tony Blair' },
    ]);
    await engine.deleteArticles(['b']);
    expect(rows('SELECT DISTINCT article_id FROM statements')).toEqual([{ article_id: 'a' }]);
    expect((await engine.speakers()).speakers.map((s) => [s.name, s.articles])).toEqual([['Tony Blair', 1]]);
    await engine.close();
  });

  it('a name matched against the index speakers: a misspelling or a role finds them, nobody skips', async () => {
    const engine = await open();
    await engine.ingestArticles([article('a', brown), article('b', blair)]);
    const misspelt = await engine.statements({ speaker: 'Blaire', topic: 'Iraq' });
    expect(misspelt.speaker.matched).toEqual(['Tony Blair']);
    expect(misspelt.statements.length).toBeGreaterThan(0);
    const role = await engine.statements({ speaker: 'the chancellor', topic: 'taxes' });
    expect(role.speaker.matched).toEqual(['Gordon Brown']);
    await engine.close();
    // Nobody the index quotes: answered without reading an article.
    const backend = openEmbeddedBackend({ dir: indexDir });
    let reads = 0;
    const counted = await createSearchEngine({
      indexDir,
      embedder: createFakeEmbedder(),
      logLevel: 'silent',
      ...backend,
      store: {
        ...backend.store,
        getArticle: (id) => {
          reads++;
          return backend.store.getArticle(id);
        },
      },
    });
    const nobody = await counted.statements({ speaker: 'Greenspan', topic: 'taxes' });
    expect(nobody).toMatchObject({ speaker: { matched: [], quotedIn: 0 }, statements: [] });
    expect(reads).toBe(0);
    await counted.statements({ speaker: 'Blair', topic: 'Iraq' });
    expect(reads).toBeGreaterThan(0);
    await counted.close();
  });

  it('a speaker the index quotes, beyond the articles found and never on the topic: quoted in N articles, none about it', async () => {
    const engine = await open();
    // Fourteen articles on Iraq that quote nobody come before Brown's one article, on taxes.
    const fillers = Array.from({ length: 14 }, (_, i) =>
      article(`iraq-${i}`, `Iraq report ${i}: troops in Iraq, the Iraq war and Iraq again.`),
    );
    await engine.ingestArticles([...fillers, article('a', brown)]);
    const answer = await engine.statements({ speaker: 'Gordon Brown', topic: 'Iraq' });
    expect(answer.speaker).toMatchObject({ matched: ['Gordon Brown'], quotedIn: 1 });
    expect(answer.statements.every((s) => s.relevance < 0.5)).toBe(true);
    await engine.close();
  });

  it('a schema-5 index gains its statements on upgrade, and a new extractor version reads them again, without embedding', async () => {
    const engine = await open();
    await engine.ingestArticles([article('a', brown), article('b', blair)]);
    await engine.close();
    const db = new Database(join(indexDir, DATABASE_FILE));
    const vectors = db.prepare('SELECT id, embedding FROM passages ORDER BY id').all();
    // Back to schema 5: no statements table, no version column.
    db.exec(
      'DROP TABLE statements; DROP INDEX articles_statements_version; ALTER TABLE articles DROP COLUMN statements_version',
    );
    db.prepare("UPDATE meta SET value = '5' WHERE key = 'schema_version'").run();
    db.close();

    const upgraded = await open();
    expect(rows("SELECT value FROM meta WHERE key = 'schema_version'")).toEqual([
      { value: String(SCHEMA_VERSION) },
    ]);
    expect((await upgraded.speakers()).speakers.map((s) => s.name)).toEqual(['Gordon Brown', 'Tony Blair']);
    expect(rows('SELECT DISTINCT statements_version AS v FROM articles')).toEqual([
      { v: STATEMENTS_VERSION },
    ]);
    await upgraded.close();

    // Statements of an older extractor (version 0 here) are read again on open.
    const again = new Database(join(indexDir, DATABASE_FILE));
    again.exec(
      "UPDATE articles SET statements_version = 0 WHERE id = 'b'; DELETE FROM statements WHERE article_id = 'b'",
    );
    again.close();
    const reopened = await open();
    expect((await reopened.speakers()).speakers.map((s) => s.name)).toEqual(['Gordon Brown', 'Tony Blair']);
    await reopened.close();
    const check = new Database(join(indexDir, DATABASE_FILE), { readonly: true });
    expect(check.prepare('SELECT id, embedding FROM passages ORDER BY id').all()).toEqual(vectors);
    check.close();
  });

  it('an index opened read-only with statements not stored reads them from the articles found', async () => {
    const engine = await open();
    await engine.ingestArticles([article('a', brown), article('b', blair)], { statements: false });
    await engine.close();
    const reader = await createSearchEngine({
      indexDir,
      embedder: createFakeEmbedder(),
      readOnly: true,
      logLevel: 'silent',
    });
    expect((await reader.speakers()).total).toBe(0);
    const r = await reader.statements({ speaker: 'Blaire', topic: 'Iraq' });
    expect(r.speaker.matched).toEqual(['Tony Blair']);
    expect(r.statements.length).toBeGreaterThan(0);
    await reader.close();
  });

  it('shows progress while a large index reads its statements', async () => {
    const engine = await open();
    const many = Array.from({ length: 520 }, (_, i) => article(`n${i}`, i % 2 ? brown : blair));
    await engine.ingestArticles(many, { statements: false });
    await engine.close();
    lines.length = 0;
    const reopened = await open();
    expect(lines.some((l) => /reading the statements of 520 articles/.test(l))).toBe(true);
    expect(lines.some((l) => /520 articles read/.test(l))).toBe(true);
    expect((await reopened.speakers()).speakers.map((s) => s.articles)).toEqual([260, 260]);
    await reopened.close();
  });
});
