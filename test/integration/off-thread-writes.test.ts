/**
 * A server writes large batches of passages on a worker thread (its own connection to the
 * database), so one huge article's SQLite transaction does not hold the thread that answers
 * HTTP. What is written there must be what the calling thread would have written: the article,
 * its passages, its vectors in the graph, searchable from the same engine at once; an error
 * there must come back as the same error.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { batchesWrittenOffThread, OFF_THREAD_PASSAGES } from '../../src/backends/embedded/index.js';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { createSearchEngine, type SearchEngine } from '../../src/index.js';
import { type Article, paragraphsByBlankLines } from '../../src/parse/index.js';
import { tempDir } from '../helpers.js';

const article = (id: string, paragraphs: number): Article => {
  const text = Array.from({ length: paragraphs }, (_, i) => `Quay note q${i}a q${i}b q${i}c q${i}d.`).join(
    '\n\n',
  );
  return { id, title: `Article ${id}`, text, paragraphs: paragraphsByBlankLines(text), metadata: {} };
};

describe('writes off the HTTP thread', () => {
  const tmp = tempDir();
  const engines: SearchEngine[] = [];
  afterAll(async () => {
    for (const e of engines) await e.close();
    tmp.cleanup();
  });

  it('writes a huge article on the worker, and the same engine finds every part of it', async () => {
    const engine = await createSearchEngine({
      indexDir: `${tmp.dir}/server`,
      embedder: createFakeEmbedder(),
      embedInWorker: true,
      logLevel: 'silent',
    });
    engines.push(engine);
    await engine.ingestArticles([article('small', 3)]);
    expect(batchesWrittenOffThread()).toBe(0); // a small batch is written on this thread
    const before = batchesWrittenOffThread();
    const summary = await engine.ingestArticles([article('huge', OFF_THREAD_PASSAGES + 200)]);
    expect(summary.skipped).toEqual([]);
    expect(batchesWrittenOffThread()).toBe(before + 1);
    const stats = await engine.stats();
    expect(stats.articles).toBe(2);
    expect(stats.passages).toBe(3 + OFF_THREAD_PASSAGES + 200);
    // The last paragraph, found by its vector and by its words: graph and FTS both hold it.
    const n = OFF_THREAD_PASSAGES + 199;
    const last = `q${n}a q${n}b q${n}c q${n}d`;
    const dense = await engine.search({ query: last, mode: 'dense', k: 1 });
    expect(dense.hits[0]?.articleId).toBe('huge');
    expect(dense.hits[0]?.text).toContain(last);
    const lexical = await engine.search({
      query: `q${n}b`,
      mode: 'lexical',
      k: 1,
    });
    expect(lexical.hits[0]?.articleId).toBe('huge');
    // Replaced on the worker too: the old passages are gone from graph and store.
    await engine.ingestArticles([article('huge', OFF_THREAD_PASSAGES + 10)]);
    expect((await engine.stats()).passages).toBe(3 + OFF_THREAD_PASSAGES + 10);
    const gone = await engine.search({ query: last, mode: 'dense', k: 3 });
    expect(gone.hits.every((h) => !h.text.includes(last))).toBe(true);
  });

  it('writes the same index as a writer on one thread', async () => {
    const one = await createSearchEngine({
      indexDir: `${tmp.dir}/one`,
      embedder: createFakeEmbedder(),
      logLevel: 'silent',
    });
    const off = await createSearchEngine({
      indexDir: `${tmp.dir}/off`,
      embedder: createFakeEmbedder(),
      embedInWorker: true,
      logLevel: 'silent',
    });
    engines.push(one, off);
    const articles = [article('a', OFF_THREAD_PASSAGES), article('b', 40)];
    await one.ingestArticles(articles);
    await off.ingestArticles(articles);
    const ask = async (e: SearchEngine) =>
      (await e.search({ query: 'q777a q777b q12c', mode: 'hybrid', k: 5 })).hits.map((h) => [
        h.articleId,
        h.text,
      ]);
    expect(await ask(off)).toEqual(await ask(one));
    expect((await off.stats()).passages).toBe((await one.stats()).passages);
  });
});
