/**
 * Results over the API and MCP: cards, paging with totals, facets, the metadata filter and
 * sort on GET /v1/search (documented in /openapi.json); the MCP SDK client reading a long
 * article in pages, each passage once in the search text, and the corpus in the instructions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearchEngine } from '../../src/index.js';
import { paragraphsByBlankLines } from '../../src/parse/index.js';
import { type RunningServer, startHttpServer } from '../../src/serve/http/index.js';
import { FIXTURES, SEEDS, tempDir } from '../helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: assertions check the shape at run time
const read = async (res: Response | Promise<Response>): Promise<any> => (await res).json();
const LONG_ID = 'long-speech';

describe('results over the API and MCP', () => {
  const tmp = tempDir();
  let server: RunningServer;
  let longText = '';

  beforeAll(async () => {
    const engine = await createSearchEngine({ indexDir: tmp.dir, logLevel: 'silent' });
    await engine.ingestPaths([SEEDS]);
    const records = readFileSync(join(FIXTURES, 'scifact-300.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .slice(0, 120)
      .map((l) => JSON.parse(l) as { id: string; title: string; text: string });
    // Sources, years and a collection to count: 2017 and 2018, two sources, "science" half.
    await engine.ingestArticles(
      records.map((r, i) => ({
        id: `sf-${r.id}`,
        title: r.title,
        text: r.text,
        paragraphs: paragraphsByBlankLines(r.text),
        source: i % 3 === 0 ? 'Lancet' : 'Nature',
        date: `${i % 2 === 0 ? 2017 : 2018}-0${(i % 9) + 1}-1${i % 10}`,
        metadata: i % 2 === 0 ? { collection: 'science' } : {},
      })),
    );
    longText = records
      .map((r) => `${r.title}\n\n${r.text}`)
      .join('\n\n')
      .slice(0, 60_000);
    await engine.ingestArticles([
      {
        id: LONG_ID,
        title: 'A long speech',
        text: longText,
        paragraphs: paragraphsByBlankLines(longText),
        metadata: {},
      },
    ]);
    await engine.close();
    server = await startHttpServer(
      { indexDir: tmp.dir, port: 0, logLevel: 'silent' },
      { handleSignals: false, log: () => {} },
    );
  });
  afterAll(async () => {
    await server?.close();
    tmp.cleanup();
  });

  it('GET /v1/search?q=…&facets=source,year&offset=10 returns facets, total and the second page', async () => {
    const q = encodeURIComponent('cells in the brain and blood');
    const first = await read(fetch(`${server.url}/v1/search?q=${q}&facets=source,year`));
    const second = await read(fetch(`${server.url}/v1/search?q=${q}&facets=source,year&offset=10`));
    expect(first.cards).toHaveLength(10);
    expect(second.offset).toBe(10);
    expect(second.total).toBe(first.total);
    expect(second.total).toBeGreaterThan(20);
    expect(typeof second.totalIsEstimate).toBe('boolean');
    expect(second.cards.map((c: { rank: number }) => c.rank)).toEqual(
      Array.from({ length: 10 }, (_, i) => 11 + i),
    );
    // Pages do not overlap and no card repeats an article.
    const ids = [...first.cards, ...second.cards].map((c: { articleId: string }) => c.articleId);
    expect(new Set(ids).size).toBe(20);
    // Facet counts cover the whole candidate set (not only the page) and only the asked facets.
    expect(Object.keys(second.facets).sort()).toEqual(['source', 'year']);
    const sources = second.facets.source as Array<{ value: string; count: number }>;
    expect(sources.map((f) => f.value).sort()).toEqual(expect.arrayContaining(['Lancet', 'Nature']));
    const years = second.facets.year as Array<{ value: string; count: number }>;
    expect(years.reduce((n, f) => n + f.count, 0)).toBeLessThanOrEqual(second.total);
    expect(years.map((f) => f.value).sort()).toEqual(['2017', '2018']);
    // Scores only with explain.
    expect(second.cards[0].explain).toBeUndefined();
    const explained = await read(fetch(`${server.url}/v1/search?q=${q}&k=2&explain=1`));
    expect(explained.cards[0].explain.passages[0]).toHaveProperty('denseRank');
  });

  it('the metadata filter, the place filter and sort=date narrow and order the cards', async () => {
    const q = encodeURIComponent('cells in the brain and blood');
    const science = await read(
      fetch(`${server.url}/v1/search?q=${q}&meta=collection:science&facets=collection&k=50`),
    );
    expect(science.cards.length).toBeGreaterThan(0);
    expect(science.cards.every((c: { collection: string }) => c.collection === 'science')).toBe(true);
    expect(science.facets.collection).toEqual([{ value: 'science', count: science.total }]);
    // Newest first among the likely relevant cards; the loosely related after them.
    const byDate = await read(fetch(`${server.url}/v1/search?q=${q}&sort=date&k=20`));
    const likely = byDate.cards.filter((c: { weak: boolean }) => !c.weak);
    expect(byDate.cards.slice(0, likely.length)).toEqual(likely);
    expect(byDate.matches).toBeGreaterThanOrEqual(likely.length);
    // Undated articles come last.
    const dates = likely.map((c: { date: string | null }) => c.date ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    const tokyo = await read(fetch(`${server.url}/v1/search?q=Kuril&place=TOKYO`));
    expect(tokyo.cards.length).toBe(2);
    expect(tokyo.cards.every((c: { place: string }) => c.place === 'TOKYO')).toBe(true);
    const bad = await fetch(`${server.url}/v1/search?q=Kuril&meta=nocolon`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain('key:value');
  });

  it('/openapi.json documents offset, facets, meta, sort, total and cards', async () => {
    const doc = await read(fetch(`${server.url}/openapi.json`));
    const params = (doc.paths['/v1/search'].get.parameters as Array<{ name: string }>).map((p) => p.name);
    expect(params).toEqual(
      expect.arrayContaining(['q', 'k', 'offset', 'facets', 'meta', 'sort', 'place', 'explain']),
    );
    const response = doc.components.schemas.SearchResponse.properties;
    expect(Object.keys(response)).toEqual(
      expect.arrayContaining(['total', 'matches', 'totalIsEstimate', 'offset', 'cards', 'facets', 'match']),
    );
  });

  it('an MCP client reads a long article in pages, gets each passage once, and learns the corpus', async () => {
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`)));
    const instructions = client.getInstructions() ?? '';
    expect(instructions).toContain('123 news articles');
    expect(instructions).toMatch(/Collections: science \(60\)/);
    expect(instructions).toContain('2017-01-10');
    let offset: number | null = 0;
    let pages = 0;
    let joined = '';
    let total = -1;
    while (offset !== null) {
      const r = await client.callTool({
        name: 'get_article',
        arguments: { id: LONG_ID, offset, maxChars: 16_000 },
      });
      const page = r.structuredContent as { text: string; nextOffset: number | null; totalChars: number };
      expect(page.text.length).toBeLessThanOrEqual(16_000);
      joined += page.text;
      total = page.totalChars;
      offset = page.nextOffset;
      pages++;
    }
    expect(pages).toBe(Math.ceil(longText.length / 16_000));
    expect(total).toBe(longText.length);
    expect(joined).toBe(longText);

    const search = await client.callTool({
      name: 'search_articles',
      arguments: { query: 'what did Abe say about the Kurils', k: 5 },
    });
    const text = (search.content as Array<{ text: string }>)[0]?.text ?? '';
    const cards = (search.structuredContent as { cards: Array<{ snippets: Array<{ text: string }> }> }).cards;
    expect(text).not.toContain('Best sentences');
    for (const s of cards.flatMap((c) => c.snippets)) expect(text.split(s.text).length - 1).toBe(1);
    const collections = await client.callTool({ name: 'list_collections', arguments: {} });
    expect((collections.structuredContent as { collections: unknown }).collections).toEqual([
      { name: 'science', articles: 60 },
    ]);
    await client.close();
  });
});
