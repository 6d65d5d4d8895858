/**
 * A result card names its original article on the web (the article's metadata `link` or
 * `url`, as feeds and `ingest URL` store it): the API's card carries it as `url`, the CLI
 * prints it under the meta line, the page links to it. Only http(s) addresses: a
 * `javascript:` or file link in someone's metadata is never offered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { type Article, createSearchEngine, type SearchEngine } from '../../src/index.js';
import { createStyle } from '../../src/serve/cli/render.js';
import { renderCards } from '../../src/serve/cli/render-results.js';
import { createHttpApp } from '../../src/serve/http/index.js';
import { tempDir } from '../helpers.js';

const article = (id: string, words: string, metadata: Record<string, unknown>): Article => {
  const text = `The ferry strike ${words} closed the harbour for a week.`;
  return {
    id,
    title: `Ferry strike ${words}`,
    text,
    paragraphs: [{ index: 0, start: 0, end: text.length }],
    metadata,
  };
};

describe('the original article on a card', () => {
  const tmp = tempDir();
  let engine: SearchEngine;
  let app: ReturnType<typeof createHttpApp>;
  beforeAll(async () => {
    engine = await createSearchEngine({
      indexDir: tmp.dir,
      embedder: createFakeEmbedder(),
      logLevel: 'silent',
    });
    app = createHttpApp({ engine, config: resolveConfig({ indexDir: tmp.dir }) });
    await engine.ingestArticles([
      article('news/linked', 'on monday', { link: 'https://news.example/ferry-strike' }),
      article('news/url', 'on tuesday', { url: 'http://wire.example/a/1' }),
      article('news/script', 'on wednesday', { link: 'javascript:alert(1)' }),
      article('news/plain', 'on thursday', {}),
    ]);
  });
  afterAll(async () => {
    await engine.close();
    tmp.cleanup();
  });

  it('is the card url in the API, printed by the CLI and linked from the page', async () => {
    const r = await engine.results({ query: 'ferry strike harbour', limit: 10 });
    const urls = Object.fromEntries(r.cards.map((c) => [c.articleId, c.url]));
    expect(urls).toEqual({
      'news/linked': 'https://news.example/ferry-strike',
      'news/url': 'http://wire.example/a/1',
      'news/script': null,
      'news/plain': null,
    });
    const printed = renderCards(r, createStyle(false));
    expect(printed).toContain('   https://news.example/ferry-strike\n');
    expect(printed).not.toContain('javascript:');

    const page = await (await app.request('/?q=ferry+strike+harbour')).text();
    expect(page).toContain('href="https://news.example/ferry-strike"');
    expect(page).toContain('original article at news.example');
    expect(page).not.toContain('javascript:alert');

    const api = await (await app.request('/v1/search?q=ferry+strike+harbour')).json();
    expect(api.cards.find((c: { articleId: string }) => c.articleId === 'news/url')?.url).toBe(
      'http://wire.example/a/1',
    );
  });
});
