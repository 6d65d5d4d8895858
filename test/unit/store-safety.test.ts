/**
 * What the hostile probe found in the store and its derived graph (issue 16, items 2, 3, 7,
 * 10, 11, 20), each as a test that failed before the fix: re-used passage ids, prune on
 * failures, readers that write, catch-up that scans everything, damaged files. Stale locks,
 * held by a second process, are in test/integration/write-lock.test.ts.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSqliteStore,
  createSyncedVectorIndex,
  DATABASE_FILE,
  type EmbeddingSource,
  HNSW_FILE,
} from '../../src/backends/embedded/index.js';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { createSearchEngine } from '../../src/index.js';
import { FIXTURES, SEEDS, tempDir } from '../helpers.js';

describe('store safety', () => {
  let tmp: ReturnType<typeof tempDir>;
  let articles: string;
  let indexDir: string;
  const open = (log: string[] = []) =>
    createSearchEngine({ indexDir, embedder: createFakeEmbedder(), log: (l) => log.push(l) });

  beforeEach(() => {
    tmp = tempDir();
    articles = join(tmp.dir, 'articles');
    indexDir = join(tmp.dir, 'index');
    cpSync(SEEDS, articles, { recursive: true });
    cpSync(join(FIXTURES, 'formats', 'notes.md'), join(articles, 'notes.md'));
  });
  afterEach(() => tmp.cleanup());

  it('never answers from a graph built from another database (re-used passage ids)', async () => {
    const first = await open();
    await first.ingestPaths([join(articles, '000_49243b7414c43ba9.txt')]);
    await first.close();
    // The database is replaced (as "move it away and re-ingest" advises); the graph stays.
    for (const f of readdirSync(indexDir)) if (f.startsWith(DATABASE_FILE)) rmSync(join(indexDir, f));
    const log: string[] = [];
    const second = await open(log);
    await second.ingestPaths([join(articles, '001_5b0540494f67e9be.txt')]);
    const article = await second.getArticle('001_5b0540494f67e9be');
    expect(article).toBeDefined();
    // Each passage's own text must find that passage first by dense search.
    for (let id = 1; id <= (article?.passageCount ?? 0); id++) {
      const passage = await second.getPassage(id);
      const r = await second.search({ query: passage?.text.slice(0, 900) ?? '', mode: 'dense', k: 1 });
      expect(r.hits[0]?.passageId).toBe(id);
    }
    expect(log.join('\n')).toMatch(/another database state: rebuilding/);
    await second.close();
  });

  it('prune removes nothing when the path is mistyped or a record file has a bad line', async () => {
    const engine = await open();
    const records = join(tmp.dir, 'records.jsonl');
    const lines = Array.from({ length: 20 }, (_, i) =>
      JSON.stringify({ id: `r${i}`, title: `Record ${i}`, text: `Text of record ${i} about harbours.` }),
    );
    writeFileSync(records, `${lines.join('\n')}\n`);
    await engine.ingestPaths([articles, records]);
    expect((await engine.stats()).articles).toBe(23);

    const mistyped = await engine.ingestPaths([join(tmp.dir, 'artciles')], { prune: true });
    expect(mistyped.articlesRemoved).toBe(0);
    // One bad byte in the record file: its other records are still there, none is pruned.
    const bytes = readFileSync(records);
    bytes[bytes.indexOf('Record 3')] = 0xff;
    writeFileSync(records, bytes);
    const bad = await engine.ingestPaths([records], { prune: true });
    expect(bad.articlesRemoved).toBe(0);
    expect((await engine.stats()).articles).toBe(23);
    // What positively vanished goes: a deleted file, a record dropped from a clean file.
    writeFileSync(records, `${lines.slice(1).join('\n')}\n`);
    rmSync(join(articles, 'notes.md'));
    const clean = await engine.ingestPaths([articles, records], { prune: true });
    expect(clean.articlesRemoved).toBe(2);
    expect(await engine.getArticle('r0')).toBeUndefined();
    expect(await engine.getArticle('notes')).toBeUndefined();
    expect((await engine.stats()).articles).toBe(21);
    await engine.close();
  });

  it('a reader never writes into the index, even when the graph is stale', async () => {
    const writer = await open();
    await writer.ingestPaths([join(articles, '000_49243b7414c43ba9.txt')]);
    const reader = await open();
    await reader.search({ query: 'peace treaty', mode: 'dense' });
    await writer.ingestPaths([articles]);
    const graph = join(indexDir, HNSW_FILE);
    const before = { graph: statSync(graph).mtimeMs, sidecar: statSync(`${graph}.json`).mtimeMs };
    // The writer saved its graph; make the reader's view stale by writing behind its back.
    const other = await open();
    await other.deleteArticles(['notes']);
    await other.close();
    const afterDelete = { graph: statSync(graph).mtimeMs, sidecar: statSync(`${graph}.json`).mtimeMs };
    const r = await reader.search({ query: 'salmon pollock quotas', mode: 'dense', k: 50 });
    expect(r.hits.some((h) => h.articleId === 'notes')).toBe(false);
    expect({ graph: statSync(graph).mtimeMs, sidecar: statSync(`${graph}.json`).mtimeMs }).toEqual(
      afterDelete,
    );
    expect(afterDelete).not.toEqual(before);
    expect(readdirSync(indexDir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    await writer.close();
    await reader.close();
  });

  it("catching up with another process's commit reads what changed, not every embedding", async () => {
    const engine = await open();
    await engine.ingestPaths([articles]);
    await engine.close();
    const store = createSqliteStore({ dir: indexDir });
    const counts = { all: 0, since: 0 };
    const source: EmbeddingSource = {
      ...store.source,
      allEmbeddings: () => {
        counts.all++;
        return store.source.allEmbeddings();
      },
      changesSince: (g) => {
        counts.since++;
        return store.source.changesSince(g);
      },
    };
    const vectorIndex = createSyncedVectorIndex({ source, path: join(indexDir, HNSW_FILE) });
    const reader = await createSearchEngine({
      indexDir,
      embedder: createFakeEmbedder(),
      store,
      vectorIndex,
      maintenance: store.maintenance,
    });
    await reader.search({ query: 'islands', mode: 'dense' });
    expect(counts).toEqual({ all: 0, since: 0 }); // the saved graph was current
    const writer = await open();
    await writer.deleteArticles(['notes']);
    await writer.close();
    for (let i = 0; i < 3; i++) await reader.search({ query: 'islands', mode: 'dense' });
    expect(counts).toEqual({ all: 0, since: 1 });
    await reader.close();
  });

  it('says what it does with an empty database file, a null sidecar and a damaged page', async () => {
    mkdirSync(indexDir, { recursive: true });
    writeFileSync(join(indexDir, DATABASE_FILE), '');
    await expect(createSearchEngine({ indexDir, mustExist: true, logLevel: 'silent' })).rejects.toMatchObject(
      {
        code: 'INDEX_NOT_FOUND',
      },
    );
    const log: string[] = [];
    const engine = await open(log);
    expect(log.join('\n')).toMatch(/was empty \(0 bytes\); starting a new index/);
    await engine.ingestPaths([articles]);
    await engine.close();

    writeFileSync(join(indexDir, `${HNSW_FILE}.json`), 'null');
    const nullLog: string[] = [];
    const healed = await open(nullLog);
    const r = await healed.search({ query: 'islands', mode: 'dense' });
    expect(r.hits.length).toBeGreaterThan(0);
    expect(nullLog.join('\n')).toMatch(/not a valid sidecar: rebuilding/);
    await healed.close();

    const path = join(indexDir, DATABASE_FILE);
    const bytes = readFileSync(path);
    expect(existsSync(`${path}-wal`)).toBe(false); // closed cleanly: everything is in the main file
    bytes.fill(0x5a, 4096, bytes.length); // every page after the first
    writeFileSync(path, bytes);
    const damaged = async () => {
      const e = await open();
      try {
        await e.search({ query: 'islands' });
      } finally {
        await e.close().catch(() => undefined);
      }
    };
    await expect(damaged()).rejects.toMatchObject({
      code: 'INDEX_CORRUPT',
      message: expect.stringContaining('re-ingest'),
    });
  });
});
