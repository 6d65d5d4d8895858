/**
 * A results page counts and sorts what is likely relevant, in the label's sense (a card that is
 * not weak): `sort=date` puts the matches first, newest first, and the loosely related after
 * them in relevance order; `matches` says how many there are, and the CLI, the page and MCP say
 * so beside the total. Fake embedder, real SQLite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { type Article, createSearchEngine, type SearchEngine } from '../../src/index.js';
import { createStyle } from '../../src/serve/cli/render.js';
import { renderCards } from '../../src/serve/cli/render-results.js';
import { createHttpApp } from '../../src/serve/http/index.js';
import { tempDir } from '../helpers.js';

const article = (id: string, text: string, date: string): Article => ({
  id,
  title: text.split(' ').slice(0, 4).join(' '),
  text,
  paragraphs: [{ index: 0, start: 0, end: text.length }],
  metadata: {},
  date,
});

// One article answers "lighthouse keepers returned"; the others share one word of it, and are newer.
const ANSWER = article(
  'news/answer',
  'The lighthouse keepers returned to the cape after a decade away from the lamp.',
  '2019-03-01',
);
const LOOSE = Array.from({ length: 8 }, (_, i) =>
  article(
    `news/loose-${i}`,
    `Harbour report ${i}: the ferry returned late and the market stalls stayed shut in the rain.`,
    `2024-0${i + 1}-10`,
  ),
);

describe('counting and sorting what is relevant', () => {
  const tmp = tempDir();
  let engine: SearchEngine;
  beforeAll(async () => {
    engine = await createSearchEngine({
      indexDir: tmp.dir,
      embedder: createFakeEmbedder(),
      logLevel: 'silent',
    });
    await engine.ingestArticles([ANSWER, ...LOOSE]);
  });
  afterAll(async () => {
    await engine.close();
    tmp.cleanup();
  });

  it('sorts by date only what is likely relevant, and counts it', async () => {
    const query = 'lighthouse keepers returned';
    const byRelevance = await engine.results({ query });
    expect(byRelevance.cards[0]?.articleId).toBe('news/answer');
    expect(byRelevance.cards[0]?.weak).toBe(false);
    expect(byRelevance.cards.slice(1).every((c) => c.weak)).toBe(true);
    expect(byRelevance.total).toBe(9);
    expect(byRelevance.matches).toBe(1);

    const byDate = await engine.results({ query, sort: 'date' });
    // The newer loose matches do not jump ahead of the answer, and keep their relevance order.
    expect(byDate.cards[0]?.articleId).toBe('news/answer');
    expect(byDate.cards.slice(1).map((c) => c.articleId)).toEqual(
      byRelevance.cards.slice(1).map((c) => c.articleId),
    );
    expect(renderCards(byDate, createStyle(false))).toContain(
      '9 articles · 1 likely relevant, newest first; the rest by relevance',
    );
  });

  it('says when nothing is likely relevant', async () => {
    const r = await engine.results({ query: 'zzzqqq xyzzy ferry' });
    expect(r.matches).toBe(0);
    expect(renderCards(r, createStyle(false))).toContain('none likely relevant');
    const app = createHttpApp({ engine, config: resolveConfig({ indexDir: tmp.dir }) });
    const page = await (await app.request('/?q=zzzqqq+xyzzy+ferry')).text();
    expect(page).toContain('none likely relevant');
  });
});
