/**
 * Small things a newcomer met: the count line, a snippet opening on a full stop, md/csv
 * relevance, eval over an index whose ids carry the collection, a wrong path, and Ctrl-C.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseQuery } from '../../src/analysis/index.js';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { createSearchEngine, evaluate, type Hit, type SearchEngine } from '../../src/index.js';
import { type ResultsResponse, snippetOf } from '../../src/results/index.js';
import { countLine, renderCsv, renderMarkdown } from '../../src/serve/cli/render-results.js';
import { runIngestCommand } from '../../src/serve/cli/run-ingest.js';
import { tempDir } from '../helpers.js';

const page = (offset: number, shown: number, total: number, estimate = false) =>
  ({
    offset,
    cards: Array.from({ length: shown }),
    total,
    totalIsEstimate: estimate,
  }) as unknown as ResultsResponse;

describe('the count line', () => {
  it('says "1 article" and "2 articles" when all are shown, a range only when there are more', () => {
    expect(countLine(page(0, 1, 1))).toBe('1 article');
    expect(countLine(page(0, 2, 2))).toBe('2 articles');
    expect(countLine(page(0, 5, 38))).toBe('1–5 of 38 articles');
    expect(countLine(page(5, 5, 38))).toBe('6–10 of 38 articles');
    expect(countLine(page(0, 10, 100, true))).toBe('1–10 of 100+ articles');
  });
});

describe('a snippet cut at its start', () => {
  it('does not open on the full stop of the sentence before', () => {
    const text = `${'THE U.S . FIRST PROPOSED TO HELP NATO DEVELOP ITS OWN NUCLEAR STRIKE FORCE '.repeat(3)}. BUT EUROPE MADE NO ATTEMPT TO DEVISE A PLAN FOR THE NUCLEAR FORCE AND THE ALLIES WAITED ${'FOR MONTHS AND MONTHS '.repeat(4)}.`;
    const focus = text.indexOf('. BUT');
    const hit = { passageId: 1, start: 0, end: text.length, text, highlights: [] } as unknown as Hit;
    const s = snippetOf(hit, parseQuery('Europe plan'), 120, { start: focus, end: text.length });
    expect(s.text.startsWith('…BUT EUROPE')).toBe(true);
    expect(text.slice(s.start, s.start + 3)).toBe('BUT');
  });
});

describe('with an index', () => {
  const tmp = tempDir();
  let engine: SearchEngine;
  beforeAll(async () => {
    const file = join(tmp.dir, 'bbc.jsonl');
    writeFileSync(
      file,
      [
        {
          id: 'bbc-0001',
          title: '',
          text: 'The ferry strike was called off after talks with the union.',
          link: 'https://news.example.org/ferry-strike',
        },
        { id: 'bbc-0002', title: '', text: 'Council budget cuts hit the libraries and the swimming pools.' },
        {
          id: 'bbc-0003',
          title: '',
          text: 'A storm closed the harbour for three days and the ferries stayed in port.',
        },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    engine = await createSearchEngine({
      indexDir: join(tmp.dir, 'index'),
      embedder: createFakeEmbedder(),
      logLevel: 'silent',
    });
    // A plain ingest: the ids carry the collection ("bbc/bbc-0001"), the qrels do not.
    await engine.ingestPaths([file], { collection: 'bbc' });
  });
  afterAll(async () => {
    await engine.close();
    tmp.cleanup();
  });
  afterEach(() => {
    process.exitCode = undefined;
    vi.restoreAllMocks();
  });

  it('eval matches the qrels ids without the collection, and counts what it found', async () => {
    const queries = [{ id: 'q1', text: 'ferry strike union talks' }];
    const result = await evaluate(engine, queries, 'q1 bbc-0001 1\n', { mode: 'lexical' });
    expect(result.judgedFound).toBeGreaterThan(0);
    expect(result.ndcg10).toBeGreaterThan(0.5);
    const none = await evaluate(engine, queries, 'q1 other-0001 1\n', { mode: 'lexical' });
    expect(none).toMatchObject({ judgedFound: 0, ndcg10: 0 });
  });

  it('--md and --csv give each article its relevance and its link to the original', async () => {
    const r = await engine.results({ query: 'ferry strike', mode: 'lexical', explain: true });
    const csv = renderCsv(r).split('\r\n');
    expect(csv[0]).toBe(
      'rank,articleId,title,titleDerived,relevance,place,date,source,collection,url,passageId,snippet',
    );
    expect(csv[1]).toMatch(
      /^1,bbc\/bbc-0001,.*,true,0\.\d{3},.*,https:\/\/news\.example\.org\/ferry-strike,\d+,/,
    );
    const md = renderMarkdown(r);
    expect(md).toMatch(/ · article bbc\/bbc-0001 · relevance 0\.\d\d\*/);
    expect(md).toContain('[Original article](https://news.example.org/ferry-strike)');
  });

  it('a wrong path prints its warning and no "Ingested in 0.0 s: 0 new" summary', async () => {
    const stderr: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
      stderr.push(String(s));
      return true;
    });
    const summary = await runIngestCommand(engine, [join(tmp.dir, 'nope')], { collection: 'x' });
    expect(summary.skipped).toHaveLength(1);
    expect(stderr.join('')).toMatch(/^warning: skipped .*nope/);
    expect(stderr.join('')).not.toContain('Ingested in');
  });

  it('an interrupted ingest exits 130', async () => {
    const folder = join(tmp.dir, 'many');
    mkdirSync(folder);
    for (let i = 0; i < 200; i++)
      writeFileSync(join(folder, `story-${i}.txt`), `Story ${i}\n\nThe ferry number ${i} sailed.\n`);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    // Ctrl-C as the ingest starts (the handler is in place by then).
    const ingestPaths = engine.ingestPaths.bind(engine);
    const interrupted = {
      ...engine,
      ingestPaths: (...args: Parameters<SearchEngine['ingestPaths']>) => {
        process.emit('SIGINT');
        return ingestPaths(...args);
      },
    };
    const summary = await runIngestCommand(interrupted, [folder], { collection: 'many' });
    expect(summary.interrupted).toBe(true);
    expect(process.exitCode).toBe(130);
  });
});
