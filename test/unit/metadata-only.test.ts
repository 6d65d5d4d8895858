/**
 * Changing only an article's metadata (date, source, place, other fields) costs no embedding
 * and leaves its passages and vectors as they were: the embedded text (the passage with its
 * title as context) did not change. A change of text or title still embeds again. The
 * embedder is the counting fake behind the Embedder interface; the vector index is the real
 * HNSW one behind a wrapper that records each change applied to it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEmbeddedBackend } from '../../src/backends/embedded/index.js';
import type { StoreChange } from '../../src/backends/index.js';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { type Article, createSearchEngine, type SearchEngine } from '../../src/index.js';
import { tempDir } from '../helpers.js';

const paragraphs = [
  'The harbour froze over in the night and the ferries stayed in port.',
  'Schools on the islands closed early; the council opened two halls for families.',
];
const article = (id: string, extra: Partial<Article> = {}): Article => {
  const text = paragraphs.map((p) => `${p} (${id})`).join('\n\n');
  const second = text.indexOf('\n\n') + 2;
  return {
    id,
    title: `Harbour frozen ${id}`,
    text,
    paragraphs: [
      { index: 0, start: 0, end: second - 2 },
      { index: 1, start: second, end: text.length },
    ],
    metadata: {},
    ...extra,
  };
};

describe('a change of metadata only', () => {
  let tmp: ReturnType<typeof tempDir>;
  let engine: SearchEngine;
  let embedder: ReturnType<typeof createFakeEmbedder>;
  let changes: StoreChange[];
  beforeEach(async () => {
    tmp = tempDir();
    embedder = createFakeEmbedder();
    changes = [];
    const backend = openEmbeddedBackend({ dir: tmp.dir });
    const inner = backend.vectorIndex;
    const vectorIndex = {
      ...inner,
      search: inner.search.bind(inner),
      flush: inner.flush.bind(inner),
      sizeBytes: inner.sizeBytes.bind(inner),
      close: inner.close.bind(inner),
      applyWrite: async (change: StoreChange) => {
        changes.push(change);
        await inner.applyWrite(change);
      },
    };
    engine = await createSearchEngine({ indexDir: tmp.dir, embedder, ...backend, vectorIndex });
    await engine.ingestArticles([article('a'), article('b')]);
    changes = [];
  });
  afterEach(async () => {
    await engine.close();
    tmp.cleanup();
  });

  const passageIds = async (query: string) =>
    (await engine.search({ query, mode: 'dense', k: 10 })).hits.map((h) => h.passageId).sort();

  it('embeds nothing and keeps the passages and vectors', async () => {
    const before = await passageIds('harbour froze ferries');
    const calls = embedder.calls;
    const summary = await engine.ingestArticles([
      article('a', { date: '2024-03-01', source: 'Harbour Gazette', place: 'KIRKWALL' }),
      article('b', { metadata: { section: 'islands' } }),
    ]);
    expect(embedder.calls).toBe(calls);
    expect(summary).toMatchObject({
      articlesChanged: 2,
      articlesMetadataOnly: 2,
      passagesEmbedded: 0,
      passagesReused: 0,
    });
    const touched = changes.flatMap((c) => [...c.removedPassageIds, ...c.added.map((x) => x.id)]);
    expect(touched).toEqual([]);
    expect(await passageIds('harbour froze ferries')).toEqual(before);

    // The new fields are what reads and filters see.
    const a = await engine.getArticle('a');
    expect([a?.date, a?.source, a?.place]).toEqual(['2024-03-01', 'Harbour Gazette', 'KIRKWALL']);
    expect((await engine.getArticle('b'))?.metadata).toMatchObject({ section: 'islands' });
    const dated = await engine.search({
      query: 'harbour froze',
      k: 10,
      filters: { dateFrom: '2024-01-01' },
    });
    expect(new Set(dated.hits.map((h) => h.articleId))).toEqual(new Set(['a']));
    expect(dated.hits[0]?.source).toBe('Harbour Gazette');
    const section = await engine.search({
      query: 'harbour froze',
      mode: 'lexical',
      k: 10,
      filters: { metadata: { section: 'islands' } },
    });
    expect(new Set(section.hits.map((h) => h.articleId))).toEqual(new Set(['b']));
  });

  it('embeds again when the text or the title changed', async () => {
    const calls = embedder.calls;
    const edited = article('a');
    const text = edited.text.replace('froze over', 'iced over');
    const summary = await engine.ingestArticles([
      { ...edited, text, date: '2024-03-01' },
      article('b', { title: 'Islands cut off', date: '2024-03-01' }),
    ]);
    expect(summary).toMatchObject({ articlesChanged: 2, articlesMetadataOnly: 0 });
    // a: its first paragraph is new text; b: the title is embedded with every passage.
    expect(summary.passagesEmbedded).toBe(embedder.calls - calls);
    expect(embedder.calls - calls).toBeGreaterThanOrEqual(2);
    expect(changes.some((c) => c.added.length > 0)).toBe(true);
  });
});
