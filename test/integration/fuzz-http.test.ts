/**
 * Fuzz pass over the HTTP request schemas: arbitrary JSON bodies and query strings to
 * /v1/search and POST /v1/articles. Every answer is 2xx or 4xx, never 5xx, and the articles
 * stored before the run are unchanged after it.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { createSearchEngine, type SearchEngine } from '../../src/index.js';
import { createHttpApp } from '../../src/serve/http/index.js';
import { assertWithinBudget, type FuzzBudget } from '../fuzz-budget.js';
import { SEEDS, tempDir } from '../helpers.js';

const KEY = 'fuzz-key-0123456789';
/**
 * Per request kind: the 40 cases it always ran, then more, up to 200, while 15 s last. 40 take
 * 0.1–2 s under a load of 11 on 2 cores (most bodies are refused before the model runs).
 */
const BUDGET: FuzzBudget = { runs: 200, minRuns: 40, seconds: 15 };
const SEED_IDS = ['000_49243b7414c43ba9', '001_5b0540494f67e9be'];

/** Values that look like the real fields, so the fuzz also gets past the first checks. */
const scalar = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const filters = fc.record(
  {
    articleIds: fc.oneof(fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 }), scalar),
    source: scalar,
    dateFrom: fc.oneof(fc.constantFrom('2018', '2018-01-22', '--01-22', '2019-13-45', 'yesterday'), scalar),
    dateTo: scalar,
    metadata: fc.oneof(fc.dictionary(fc.string({ maxLength: 10 }), scalar, { maxKeys: 80 }), scalar),
  },
  { requiredKeys: [] },
);
const searchBody = fc.oneof(
  fc.jsonValue({ maxDepth: 5 }),
  fc.record(
    {
      query: fc.oneof(fc.string({ maxLength: 60 }), scalar),
      k: fc.oneof(fc.integer({ min: -5, max: 200 }), scalar),
      mode: fc.oneof(fc.constantFrom('hybrid', 'dense', 'lexical'), scalar),
      minScore: fc.oneof(fc.double(), scalar),
      filters: fc.oneof(filters, fc.jsonValue({ maxDepth: 4 })),
    },
    { requiredKeys: [] },
  ),
);
const articleInput = fc.record(
  {
    id: fc.oneof(
      fc.string({ minLength: 1, maxLength: 20 }).map((s) => `fuzz-${s}`),
      scalar,
    ),
    title: fc.oneof(fc.string({ maxLength: 40 }), scalar),
    text: fc.oneof(fc.string({ maxLength: 200 }), scalar),
    place: scalar,
    date: scalar,
    source: scalar,
    metadata: fc.oneof(fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 4 })), scalar),
  },
  { requiredKeys: [] },
);
const articlesBody = fc.oneof(
  fc.jsonValue({ maxDepth: 5 }),
  articleInput,
  fc.record({ articles: fc.oneof(fc.array(articleInput, { maxLength: 4 }), scalar) }),
);
const queryString = fc
  .dictionary(
    fc.constantFrom('q', 'k', 'mode', 'source', 'dateFrom', 'dateTo', 'articleIds', 'minScore', 'x'),
    fc.string({ maxLength: 40 }),
  )
  .map((d) => new URLSearchParams(d).toString());

describe('fuzz: HTTP request schemas', () => {
  const tmp = tempDir();
  let engine: SearchEngine;
  let app: ReturnType<typeof createHttpApp>;
  let before: string[];

  const snapshot = async () =>
    Promise.all(SEED_IDS.map(async (id) => JSON.stringify(await engine.getArticle(id))));

  beforeAll(async () => {
    engine = await createSearchEngine({ indexDir: tmp.dir, logLevel: 'silent' });
    await engine.ingestPaths([SEEDS]);
    app = createHttpApp({ engine, config: resolveConfig({ indexDir: tmp.dir, apiKey: KEY }) });
    before = await snapshot();
  });
  afterAll(async () => {
    await engine.close();
    tmp.cleanup();
  });

  const expectNo5xx = (status: number, what: string) => {
    expect(status, what).toBeGreaterThanOrEqual(200);
    expect(status, what).toBeLessThan(500);
  };

  it('POST /v1/search with arbitrary JSON answers 2xx or 4xx', async () => {
    await assertWithinBudget(BUDGET, [searchBody], async (body) => {
      const text = JSON.stringify(body) ?? 'null';
      const res = await app.request('/v1/search', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: text,
      });
      expectNo5xx(res.status, text);
    });
  });

  it('GET /v1/search with arbitrary query strings answers 2xx or 4xx', async () => {
    await assertWithinBudget(BUDGET, [queryString], async (qs) => {
      const res = await app.request(`/v1/search?${qs}`);
      expectNo5xx(res.status, qs);
    });
  });

  it('POST /v1/articles with arbitrary JSON or bytes answers 2xx or 4xx; stored seeds are unchanged', async () => {
    const body = fc.oneof(
      articlesBody.map((b) => JSON.stringify(b) ?? 'null'),
      fc.string({ unit: 'binary', maxLength: 200 }),
    );
    await assertWithinBudget(BUDGET, [body], async (text) => {
      const res = await app.request('/v1/articles', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
        body: text,
      });
      expectNo5xx(res.status, text);
    });
    expect(await snapshot()).toEqual(before);
  });
});
