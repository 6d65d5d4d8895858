/**
 * An article's date, source and place are checked wherever they come from: metadata may not
 * stand in for them through the API, a date that is not ISO 8601 is not stored (so it cannot
 * lead a date sort), and a source or place is at most 200 characters.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { type Article, createSearchEngine, type SearchEngine } from '../../src/index.js';
import { isIsoDate } from '../../src/parse/check-article.js';
import { createHttpApp } from '../../src/serve/http/index.js';
import { tempDir } from '../helpers.js';

const KEY = 'fields-key-0123456789';
const article = (id: string, extra: Partial<Article>): Article => {
  const text = `The harbour froze over in the night (${id}).`;
  return {
    id,
    title: id,
    text,
    paragraphs: [{ index: 0, start: 0, end: text.length }],
    metadata: {},
    ...extra,
  };
};

describe('article fields', () => {
  const tmp = tempDir();
  let engine: SearchEngine;
  let app: ReturnType<typeof createHttpApp>;
  beforeAll(async () => {
    const indexDir = join(tmp.dir, 'index');
    engine = await createSearchEngine({ indexDir, embedder: createFakeEmbedder(), logLevel: 'silent' });
    app = createHttpApp({ engine, config: resolveConfig({ indexDir, apiKey: KEY }) });
  });
  afterAll(async () => {
    await engine?.close();
    tmp.cleanup();
  });

  it('knows ISO 8601 dates of real days', () => {
    for (const d of [
      '2024',
      '2024-02',
      '2024-02-29',
      '2024-02-29T10:15:00Z',
      '2024-02-29 10:15:00+01:00',
      '--01-22',
      '--02-29',
    ])
      expect([d, isIsoDate(d)]).toEqual([d, true]);
    for (const d of [
      '9999-99-99 NOT A DATE',
      '2023-02-29',
      '2024-13',
      'yesterday',
      '24-01-01',
      '--02-30',
      '',
    ])
      expect([d, isIsoDate(d)]).toEqual([d, false]);
  });

  it('stores an article with a bad date without it, warns, and cuts a huge source', async () => {
    const summary = await engine.ingestArticles([
      article('a/bad-date', { date: '9999-99-99 NOT A DATE', source: 'S'.repeat(5000) }),
      article('a/good-date', { date: '2020-05-01' }),
    ]);
    expect(summary.articlesNew).toBe(2);
    expect(summary.skipped.map((s) => s.code)).toEqual(['DATE_INVALID']);
    const bad = await engine.getArticle('a/bad-date');
    expect(bad?.date).toBeNull();
    expect(bad?.source).toHaveLength(200);
    const newest = await engine.results({ query: 'harbour froze', sort: 'date', limit: 2 });
    expect(newest.cards[0]?.articleId).toBe('a/good-date');
  });

  it('refuses metadata that stands in for the article fields', async () => {
    for (const key of ['date', 'source']) {
      const res = await app.request('/v1/articles', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
        body: JSON.stringify({
          id: `m-${key}`,
          title: 'T',
          text: 'Some text.',
          metadata: { [key]: 'x'.repeat(5000) },
        }),
      });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('metadata may not hold');
    }
    expect(await engine.getArticle('m-date')).toBeUndefined();
  });
});
