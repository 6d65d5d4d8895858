/**
 * An article without a title (a `.jsonl` corpus without titles, TIME, BBC) is shown by a title
 * derived from its first words, or from the headline run into its first sentence, marked as
 * derived; its id is not the title, and the meta line does not say it twice.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { createSearchEngine, type SearchEngine } from '../../src/index.js';
import { derivedTitle, displayTitle } from '../../src/results/title.js';
import { pageOfArticle, renderArticleText, renderSearchText } from '../../src/serve/api/tools.js';
import { createStyle } from '../../src/serve/cli/render.js';
import { renderCards, renderCsv, renderMarkdown } from '../../src/serve/cli/render-results.js';
import { createHttpApp } from '../../src/serve/http/index.js';
import { tempDir } from '../helpers.js';

describe('derivedTitle', () => {
  it('finds a headline run into the lede', () => {
    expect(
      derivedTitle(
        'Air Jamaica back in state control The Jamaican government is regaining control of Air Jamaica in an bid to help the ailing company.',
      ),
    ).toBe('Air Jamaica back in state control');
    expect(
      derivedTitle(
        'Microsoft takes on desktop search Microsoft has entered the desktop search fray, releasing a test version of its tool.',
      ),
    ).toBe('Microsoft takes on desktop search');
  });

  it('otherwise takes the first sentence when short, or the first words cut at a word', () => {
    expect(derivedTitle('Ferry strike called off. Crews return on Monday after talks.')).toBe(
      'Ferry strike called off.',
    );
    const cut = derivedTitle(
      'Sella wants Michalak recall Former France centre Philippe Sella believes coach Bernard Laporte must recall Frederic Michalak.',
    );
    expect(cut).toBe('Sella wants Michalak recall Former France centre Philippe Sella…');
    expect(cut.length).toBeLessThanOrEqual(65);
    // Shouted text has no case to find a headline by: its first words.
    expect(
      derivedTitle('THE ALLIES AFTER NASSAU IN DECEMBER 1960, THE U.S. FIRST PROPOSED TO HELP NATO'),
    ).toBe('THE ALLIES AFTER NASSAU IN DECEMBER 1960, THE U.S. FIRST…');
    expect(derivedTitle('  \n ')).toBe('');
    // "Stade de France, Paris" names no headline's subject again.
    expect(derivedTitle('France v Wales (Sat) Stade de France, Paris Saturday, 26 February 1600 GMT')).toBe(
      'France v Wales (Sat) Stade de France, Paris Saturday, 26…',
    );
  });

  it('keeps a real title and marks a derived one', () => {
    expect(displayTitle({ title: 'Harbour reopens', text: 'The harbour…' })).toEqual({
      title: 'Harbour reopens',
    });
    expect(displayTitle({ title: '', text: 'Harbour reopens after the storm.' })).toEqual({
      title: 'Harbour reopens after the storm.',
      titleDerived: true,
    });
  });
});

describe('untitled articles in results, the article view and the tools', () => {
  let tmp: ReturnType<typeof tempDir>;
  let engine: SearchEngine;
  beforeAll(async () => {
    tmp = tempDir();
    const file = join(tmp.dir, 'bbc.jsonl');
    writeFileSync(
      file,
      [
        {
          id: 'bbc-0002',
          title: '',
          text: 'Air Jamaica back in state control The Jamaican government is regaining control of Air Jamaica in a bid to help the ailing company out of its financial difficulties.',
        },
        { id: 'titled', title: 'Airline results', text: 'The airline reported higher results for the year.' },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    engine = await createSearchEngine({
      indexDir: join(tmp.dir, 'index'),
      embedder: createFakeEmbedder(),
      log: () => {},
    });
    await engine.ingestPaths([file], { collection: 'bbc' });
  });
  afterAll(async () => {
    await engine.close();
    tmp.cleanup();
  });

  it('cards carry the derived title, marked; a real title is left as it is', async () => {
    const r = await engine.results({ query: 'Air Jamaica government control', mode: 'lexical' });
    const card = r.cards.find((c) => c.articleId === 'bbc/bbc-0002');
    expect(card).toMatchObject({ title: 'Air Jamaica back in state control', titleDerived: true });
    const titled = (await engine.results({ query: 'airline results', mode: 'lexical' })).cards.find(
      (c) => c.articleId === 'bbc/titled',
    );
    expect(titled?.title).toBe('Airline results');
    expect(titled?.titleDerived).toBeUndefined();

    const text = renderCards(r, createStyle(false));
    const [titleLine, metaLine] = text.split('\n');
    expect(titleLine).toBe('1. Air Jamaica back in state control (untitled)');
    // The id once, and not the collection it starts with again.
    expect(metaLine).toBe('   bbc/bbc-0002');
    expect(renderMarkdown(r)).toContain('## 1. Air Jamaica back in state control *(untitled)*');
    const mcp = renderSearchText(r);
    expect(mcp).toContain('1. Air Jamaica back in state control (untitled; no title, its first words)');
    expect(mcp).not.toContain('1. bbc/bbc-0002');
    const csv = renderCsv(r).split('\r\n');
    expect(csv[0]).toContain('titleDerived');
    expect(csv[1]).toContain('Air Jamaica back in state control');
  });

  it('getArticle gives the derived title, marked, for the CLI, the page and MCP', async () => {
    const article = await engine.getArticle('bbc/bbc-0002');
    expect(article).toMatchObject({ title: 'Air Jamaica back in state control', titleDerived: true });
    expect(renderArticleText(pageOfArticle(article as NonNullable<typeof article>))).toMatch(
      /^Air Jamaica back in state control \(untitled; no title, its first words\) \[article bbc\/bbc-0002\]/,
    );
    expect((await engine.getArticle('bbc/titled'))?.titleDerived).toBeUndefined();
  });

  it('the page shows it, marked, on a card and as the article view heading; the API says so', async () => {
    const app = createHttpApp({ engine, config: resolveConfig({ indexDir: join(tmp.dir, 'index') }) });
    const results = await (await app.request('/?q=Air+Jamaica+government&mode=lexical')).text();
    expect(results).toMatch(
      /Air Jamaica back in state control<\/a><span class="untitled"> \(untitled\)<\/span>/,
    );
    const view = await (await app.request(`/articles/${encodeURIComponent('bbc/bbc-0002')}`)).text();
    expect(view).toMatch(
      /<h1>Air Jamaica back in state control<span class="untitled"> \(untitled\)<\/span><\/h1>/,
    );
    const api = await (await app.request(`/v1/articles/${encodeURIComponent('bbc/bbc-0002')}`)).json();
    expect(api).toMatchObject({ title: 'Air Jamaica back in state control', titleDerived: true });
  });

  it('a listing shows it too', async () => {
    const page = await engine.listArticles({});
    expect(page.articles.find((a) => a.id === 'bbc/bbc-0002')).toMatchObject({
      title: 'Air Jamaica back in state control',
      titleDerived: true,
    });
  });
});
