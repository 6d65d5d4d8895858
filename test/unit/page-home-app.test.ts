/**
 * The first screen served: the archive counted once per index generation (a load without a
 * change reads no articles), and example questions the index answers.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { type Article, createSearchEngine, type SearchEngine } from '../../src/index.js';
import { createHttpApp } from '../../src/serve/http/index.js';
import { homeData } from '../../src/serve/http/page/home-data.js';
import { tempDir } from '../helpers.js';

const article = (id: string, title: string, date: string, text: string): Article => ({
  id,
  title,
  text,
  paragraphs: [{ index: 0, start: 0, end: text.length }],
  collection: id.split('/')[0],
  date,
  source: 'Wire',
  metadata: {},
});

const ARTICLES = [
  article(
    'wire/ferry',
    'Ferry strike ends after night of talks',
    '2024-03-02',
    'The ferry strike ended on Saturday. "The Harbour Board listened to us at last," said Anna Berg, the union leader. Crossings resume on Monday.',
  ),
  article(
    'wire/budget',
    'Council approves the library budget',
    '2024-01-15',
    'The council approved the budget late on Tuesday. "Every library stays open," said Tom Lee, the council leader. Anna Berg said the union welcomed the Library Fund.',
  ),
  article(
    'local/fair',
    'Spring fair draws record crowds',
    '2023-05-20',
    'The spring fair drew record crowds to the park.',
  ),
];

describe('the first screen, served', () => {
  const tmp = tempDir();
  let engine: SearchEngine;

  beforeAll(async () => {
    engine = await createSearchEngine({
      indexDir: join(tmp.dir, 'index'),
      embedder: createFakeEmbedder(),
      logLevel: 'silent',
    });
    await engine.ingestArticles(ARTICLES);
  });
  afterAll(async () => {
    await engine?.close();
    tmp.cleanup();
  });

  it('shows the archive on GET /, with no search run', async () => {
    const app = createHttpApp({ engine, config: resolveConfig({ indexDir: engine.config.indexDir }) });
    const res = await app.request('/', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Search 3 articles');
    expect(html).toContain('dated 2023-05-20 to 2024-03-02');
    expect(html).toContain('<a href="/?collection=wire">wire</a>');
    expect(html).toContain('href="/?dateFrom=2024-01&amp;dateTo=2024-01"');
    expect(html).toContain('Ferry strike ends after night of talks');
    expect(html).toContain('<a href="/?q=Anna+Berg">Anna Berg</a>');
    // Narrowed by a timeline bar: the newest of that month, the filter filled in.
    const narrowed = await (await app.request('/?dateFrom=2024-01&dateTo=2024-01')).text();
    const newest = /<section[^>]*home-newest.*?<\/section>/.exec(narrowed)?.[0] ?? '';
    expect(newest).toContain('Newest from 2024-01 to 2024-01');
    expect(newest).toContain('Council approves the library budget');
    expect(newest).not.toContain('Ferry strike');
    expect(narrowed).toContain('name="dateFrom" value="2024-01"');
  });

  it('counts once per index generation', async () => {
    let archives = 0;
    let reads = 0;
    const counted: SearchEngine = {
      ...engine,
      archive: (r) => {
        archives++;
        return engine.archive(r);
      },
      getArticle: (id) => {
        reads++;
        return engine.getArticle(id);
      },
    };
    const load = homeData(counted);
    const first = await load();
    await load();
    await load();
    expect(archives).toBe(1);
    expect(reads).toBe(3);
    expect(first.quoted.map((p) => p.speaker)).toEqual(['Anna Berg', 'Tom Lee']);
    await engine.ingestArticles([
      article('local/bridge', 'Bridge reopens to traffic', '2024-04-01', 'The bridge reopened on Monday.'),
    ]);
    const after = await load();
    expect(archives).toBe(2);
    expect(after.articles).toBe(4);
    expect(after.newest[0]?.id).toBe('local/bridge');
    // An untitled article is listed by the title its card and page derive (its run-in headline).
    await engine.ingestArticles([
      article(
        'local/flood',
        '',
        '2024-05-01',
        'Flood warning for river towns The Environment Agency has issued a flood warning for six towns.',
      ),
    ]);
    const untitled = (await load()).newest.find((a) => a.id === 'local/flood');
    expect(untitled?.derived).toBe('Flood warning for river towns');
  });

  it('draws example questions the index answers', async () => {
    const { examples, quoted } = await homeData(engine)();
    expect(quoted.map((p) => p.speaker)).toEqual(['Anna Berg', 'Tom Lee']);
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const q of examples) {
      const res = await engine.results({ query: q, limit: 3 });
      if (q.startsWith('What did ')) {
        expect(res.speaker?.matched.length, q).toBeGreaterThan(0);
        expect((res.statements ?? []).length, q).toBeGreaterThan(0);
      } else {
        expect(res.cards[0]?.title, q).toContain(q);
      }
    }
  });
});
