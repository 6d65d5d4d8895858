/**
 * `follow --once` as cron runs it: a feed that cannot be read (a 404, an HTML page that is no
 * feed) makes the run exit 1 while the other feeds still go in; a poll that brings nothing new
 * says so; articles get readable ids from their links. The feeds come from a fake client
 * (the unit tier opens no socket); the engine has the fake embedder.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { SearchError } from '../../src/errors.js';
import {
  createFeedFollower,
  type FetchResult,
  type PoliteClient,
  type PollResult,
  webArticleId,
} from '../../src/feeds/index.js';
import { createSearchEngine, type SearchEngine } from '../../src/index.js';
import { nothingNewLine, reportPolls } from '../../src/serve/cli/commands/follow.js';
import { FIXTURES, tempDir } from '../helpers.js';

const SITE = 'http://news.test';
const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>News Test</title>
<item><title>Ferry strike</title><link>${SITE}/news/ferry-strike.html</link><guid>${SITE}/news/ferry-strike.html</guid></item>
</channel></rss>`;
const page = readFileSync(join(FIXTURES, 'feeds', 'harbour.html'));

const answer = (url: string, contentType: string, body: string | Buffer): FetchResult => ({
  status: 200,
  url,
  contentType,
  body: typeof body === 'string' ? Buffer.from(body) : body,
  etag: undefined,
  lastModified: undefined,
  notModified: false,
});
const client: PoliteClient = {
  async get(url) {
    if (url === `${SITE}/rss.xml`) return answer(url, 'application/rss+xml', rss);
    if (url === `${SITE}/news/ferry-strike.html`) return answer(url, 'text/html', page);
    if (url === `${SITE}/front-page`) return answer(url, 'text/html', page);
    throw new SearchError('FETCH_FAILED', `${url}: HTTP 404.`, { details: { url, status: 404 } });
  },
};

describe('follow --once', () => {
  const tmp = tempDir();
  let engine: SearchEngine;
  beforeAll(async () => {
    engine = await createSearchEngine({
      indexDir: tmp.dir,
      embedder: createFakeEmbedder(),
      logLevel: 'silent',
    });
  });
  afterAll(async () => {
    await engine.close();
    tmp.cleanup();
    process.exitCode = 0;
  });

  const pollOnce = async (urls: string[]) => {
    const follower = createFeedFollower({ engine, urls, client, autoStart: false, log: () => {} });
    const results = await follower.pollNow();
    await follower.stop();
    return results;
  };
  const report = (results: PollResult[]) => {
    const lines: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((s: string) => lines.push(String(s)) > 0) as typeof process.stderr.write;
    process.exitCode = 0;
    try {
      reportPolls(results, false);
    } finally {
      process.stderr.write = write;
    }
    return { stderr: lines.join(''), code: process.exitCode };
  };

  it('exits 1 when a feed is missing or is no feed, and still ingests the others', async () => {
    const results = await pollOnce([`${SITE}/rss.xml`, `${SITE}/missing.xml`, `${SITE}/front-page`]);
    expect(results.map((r) => r.error === null)).toEqual([true, false, false]);
    expect(results[1]?.error).toContain('HTTP 404');
    expect(results[2]?.error).toContain('is an HTML page, not a feed');
    expect(results[0]?.ingested).toBe(1);
    const { stderr, code } = report(results);
    expect(code).toBe(1);
    expect(stderr).toContain('2 of 3 feeds could not be read');
  });

  it('gives the article a readable id and says so when a poll brings nothing new', async () => {
    expect(await engine.getArticle('news.test/news/ferry-strike')).toBeDefined();
    const again = await pollOnce([`${SITE}/rss.xml`]);
    expect(again[0]).toMatchObject({ ingested: 0, seenBefore: 1, error: null });
    expect(nothingNewLine(again[0] as PollResult)).toBe(`${SITE}/rss.xml: no new items (all 1 seen before)`);
    const { stderr, code } = report(again);
    expect(code).toBe(0);
    expect(stderr).toContain('no new items');
  });
});

describe('ids of web articles', () => {
  it('are the collection and the link without scheme, port and page extension', () => {
    expect(webArticleId('127.0.0.1', 'http://127.0.0.1:8765/news/ferry-strike.html')).toBe(
      '127.0.0.1/news/ferry-strike',
    );
    // Another site in a named collection keeps its host; a trailing slash goes.
    expect(webArticleId('wire', 'https://example.org/world/2024/storm/')).toBe(
      'wire/example.org/world/2024/storm',
    );
    expect(webArticleId('example.org', 'https://example.org/caf%C3%A9')).toBe('example.org/café');
  });

  it('add a hash where the link is more than its words, so two links never share an id', () => {
    const a = webArticleId('x', 'https://ex.org/article.php?id=12');
    const b = webArticleId('x', 'https://ex.org/article.php?id=13');
    expect(a).toMatch(/^x\/ex\.org\/article-id-12-[0-9a-f]{8}$/);
    expect(b).not.toBe(a);
    expect(webArticleId('x', 'tag:example.org,2024:123')).toMatch(
      /^x\/tag-example\.org-2024-123-[0-9a-f]{8}$/,
    );
    expect(webArticleId('x', 'https://ex.org/a b')).not.toBe(webArticleId('x', 'https://ex.org/a-b'));
  });
});
