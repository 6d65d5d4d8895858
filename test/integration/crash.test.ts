/**
 * SIGKILL in the middle of ingesting SciFact abstracts: the database stays sound, every
 * committed article is whole and searchable, and running the ingest again completes it.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore, DATABASE_FILE } from '../../src/backends/embedded/index.js';
import { createSearchEngine } from '../../src/index.js';
import { CLI, FIXTURES, PATIENCE_MS, tempDir } from '../helpers.js';

const CORPUS = join(FIXTURES, 'scifact-300.jsonl');
const POLL_MS = 25;

async function committedArticles(indexDir: string): Promise<number> {
  try {
    const store = createSqliteStore({ dir: indexDir, mustExist: true });
    try {
      return (await store.stats()).articles;
    } finally {
      await store.close();
    }
  } catch {
    return 0;
  }
}

describe('crash safety', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('survives SIGKILL mid-ingest and completes on the next run', async () => {
    const indexDir = join(tmp.dir, 'index');
    const child = spawn(process.execPath, [CLI, 'ingest', CORPUS, '--index', indexDir, '--quiet', '--json'], {
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    let seen = 0;
    const deadline = Date.now() + PATIENCE_MS;
    while (seen === 0 && Date.now() < deadline && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      seen = await committedArticles(indexDir);
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(seen).toBeGreaterThan(0);

    const engine = await createSearchEngine({ indexDir, logLevel: 'silent' });
    expect(await engine.integrityCheck()).toBe('ok');
    const partial = await engine.stats();
    expect(partial.articles).toBeGreaterThan(0);
    expect(partial.articles).toBeLessThan(300);

    // Every committed article is whole (its passages run without gaps from its first paragraph
    // to its last) and searchable by its title.
    const store = createSqliteStore({ dir: indexDir });
    const ids = [...(await store.articleHashes()).keys()];
    await store.close();
    const db = new Database(join(indexDir, DATABASE_FILE), { readonly: true });
    const spans = db.prepare<[string], { ordinal: number; start: number; end: number }>(
      'SELECT ordinal, start, end FROM passages WHERE article_id = ? ORDER BY ordinal',
    );
    for (const id of ids) {
      const article = await engine.getArticle(id);
      const passages = spans.all(id);
      expect(passages.map((p) => p.ordinal)).toEqual(passages.map((_, i) => i));
      expect(passages[0]?.start).toBe(article?.paragraphs[0]?.start);
      expect(passages.at(-1)?.end).toBe(article?.paragraphs.at(-1)?.end);
      expect(article?.passageCount).toBe(passages.length);
    }
    db.close();
    for (const id of ids.slice(0, 25)) {
      const article = await engine.getArticle(id);
      const { hits } = await engine.search({
        query: article?.title ?? '',
        k: 5,
        filters: { articleIds: [id] },
      });
      expect(hits.length).toBeGreaterThan(0);
      expect(hits[0]?.articleId).toBe(id);
    }
    await engine.close();

    const rerun = await createSearchEngine({ indexDir, logLevel: 'silent' });
    // The killed CLI ingest put the file's records in the collection "default".
    const summary = await rerun.ingestPaths([CORPUS], { collection: 'default' });
    expect(summary.articlesUnchanged).toBe(partial.articles);
    expect(summary.articlesNew).toBe(300 - partial.articles);
    expect((await rerun.stats()).articles).toBe(300);
    expect(await rerun.integrityCheck()).toBe('ok');
    // Dense search reaches the articles added after the crash too.
    const last = await rerun.getArticle('default/4983');
    const dense = await rerun.search({ query: last?.title ?? '', mode: 'dense', k: 3 });
    expect(dense.hits[0]?.articleId).toBe('default/4983');
    await rerun.close();
  });
});
