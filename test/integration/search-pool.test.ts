/**
 * The search pool (the server's searches on worker threads, each a reader of the index with
 * its own model): the same answers as a search on the calling thread, what a write commits is
 * found at once, errors keep their code, the calling thread is left free (event-loop
 * utilisation, a ratio of the same run, not a time), and a pool without workers falls back.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { SearchError } from '../../src/errors.js';
import {
  createSearchEngine,
  recordToArticle,
  type SearchEngine,
  type SearchResponse,
} from '../../src/index.js';
import { createSearchPool, type SearchPool } from '../../src/serve/pool/search-pool.js';
import { FIXTURES, SEEDS, tempDir } from '../helpers.js';

const records = readFileSync(join(FIXTURES, 'scifact-300.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .slice(0, 120)
  .map((l) => JSON.parse(l) as { id: string; title: string; text: string });
const questions = records.slice(0, 40).map((r) => r.title);

async function busyShare(work: () => Promise<unknown>): Promise<number> {
  const before = performance.eventLoopUtilization();
  await work();
  return performance.eventLoopUtilization(before).utilization;
}

const summary = (r: SearchResponse) => r.hits.map((h) => [h.passageId, h.articleId, h.score.toFixed(6)]);

describe('search pool', () => {
  const tmp = tempDir();
  const config = resolveConfig({ indexDir: tmp.dir, logLevel: 'silent' });
  let engine: SearchEngine;
  let pool: SearchPool;
  beforeAll(async () => {
    engine = await createSearchEngine({ resolved: config });
    await engine.ingestPaths([SEEDS]);
    await engine.ingestArticles(
      records.map((r) =>
        recordToArticle({ id: `sf-${r.id}`, title: r.title, text: r.text }, r.id, 'fixture'),
      ),
    );
    pool = await createSearchPool({
      config,
      size: 2,
      fallback: { search: engine.search, results: engine.results },
    });
    await pool.warmUp();
  });
  afterAll(async () => {
    await pool?.close();
    await engine?.close();
    tmp.cleanup();
  });

  it('answers as a search on this thread does', async () => {
    expect(pool.size).toBe(2);
    for (const query of ['what did Abe say about the Kurils', ...questions.slice(0, 8)]) {
      for (const mode of ['hybrid', 'lexical'] as const) {
        const here = await engine.search({ query, k: 10, mode });
        const there = await pool.search({ query, k: 10, mode });
        expect(summary(there)).toEqual(summary(here));
        expect(there.match).toBe(here.match);
      }
    }
  });

  it('works out the same result cards as this thread does', async () => {
    for (const query of ['what did Abe say about the Kurils', ...questions.slice(8, 12)]) {
      const request = { query, limit: 5, facets: ['collection' as const], explain: true };
      const here = await engine.results(request);
      const there = await pool.results(request);
      const { timings: _a, ...hereRest } = here;
      const { timings: _b, ...thereRest } = there;
      expect(thereRest).toEqual(hereRest);
    }
  });

  it('finds what a write committed after the workers opened, and forgets what it removed', async () => {
    const text =
      'The quokka census on Rottnest Island counted twelve thousand animals this spring, rangers said.';
    await engine.ingestArticles([
      recordToArticle({ id: 'late/quokka', title: 'Quokka census', text }, 'q', 'test'),
    ]);
    for (let i = 0; i < 4; i++) {
      // Several times: each worker must have caught up, whichever gets the request.
      const r = await pool.search({ query: 'quokka census Rottnest', k: 3 });
      expect(r.hits[0]?.articleId).toBe('late/quokka');
    }
    await engine.deleteArticles(['late/quokka']);
    for (let i = 0; i < 4; i++) {
      const r = await pool.search({ query: 'quokka census Rottnest', k: 3 });
      expect(r.hits.map((h) => h.articleId)).not.toContain('late/quokka');
    }
  });

  it('keeps the code and details of an error', async () => {
    const error = await pool.search({ query: 'x'.repeat(10_001) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SearchError);
    expect((error as SearchError).code).toBe('QUERY_TOO_LONG');
    expect((error as SearchError).details).toEqual({ length: 10_001, limit: 10_000 });
    const bad = await pool.search({ query: 'abe', k: 0 }).catch((e: unknown) => e);
    expect((bad as SearchError).code).toBe('BAD_INPUT');
  });

  it('leaves the calling thread free while searches run (searching here holds it)', async () => {
    const here = (query: string) => engine.results({ query });
    const there = (query: string) => pool.results({ query });
    const burst = (results: typeof here) => Promise.all(questions.map(results));
    await burst(here); // warm this thread's model and graph first
    const held = await busyShare(() => burst(here));
    const free = await busyShare(() => burst(there));
    expect(held).toBeGreaterThan(0.6);
    expect(free).toBeLessThan(held / 2);
  });

  it('with no worker able to open the index, searches run on the calling thread', async () => {
    const missing = resolveConfig({ indexDir: join(tmp.dir, 'no-such-index'), logLevel: 'silent' });
    const lines: string[] = [];
    let fellBack = 0;
    const empty = await createSearchPool({
      config: missing,
      size: 1,
      fallback: {
        search: (r) => {
          fellBack++;
          return engine.search(r);
        },
        results: engine.results,
      },
      log: (l) => lines.push(l),
    });
    expect(empty.size).toBe(0);
    expect(lines.join('\n')).toMatch(/could not open the index: .*No index/);
    const r = await empty.search({ query: 'Kurils', k: 1 });
    expect(r.hits).toHaveLength(1);
    expect(fellBack).toBe(1);
    await empty.close();
  });
});
