/**
 * Following feeds against a local news site (127.0.0.1 only): each article once across polls,
 * conditional requests seen by the server, and every network or feed problem a warning that
 * names its URL while the rest of the feed goes in. Real model, real SQLite, real HTTP.
 */
import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPoliteClient, type FeedContext, pollFeed } from '../../src/feeds/index.js';
import { createSearchEngine, type SearchEngine } from '../../src/index.js';
import { readSourceStatus } from '../../src/subscriptions/index.js';
import { type FeedServer, startFeedServer } from '../feed-server.js';
import { CLI, eventually, tempDir } from '../helpers.js';

const run = promisify(execFile);

describe('follow feeds (library)', () => {
  const tmp = tempDir();
  let site: FeedServer;
  let engine: SearchEngine;
  let ctx: FeedContext;
  const logs: string[] = [];

  beforeAll(async () => {
    // The feed server shares this thread with the model's embedding, so a loaded machine can
    // hold an answer for a while: the client waits 10 s, and only the slow feed (30 s) exceeds it.
    site = await startFeedServer({ slowMs: 30_000 });
    engine = await createSearchEngine({ indexDir: join(tmp.dir, 'index'), logLevel: 'silent' });
    ctx = { engine, client: createPoliteClient({ timeoutMs: 10_000 }), log: (l) => logs.push(l) };
  });
  afterAll(async () => {
    await engine?.close();
    await site?.close();
    tmp.cleanup();
  });

  it('ingests each article once across polls, honours 404, 429 Retry-After and ETag', async () => {
    const feed = `${site.url}/rss.xml`;
    const first = await pollFeed(ctx, feed);
    expect(first.collection).toBe('127.0.0.1');
    expect(first.entries).toBe(4);
    expect(first.ingested).toBe(2); // harbour, quotas; the 404 and the 429 are warnings
    expect(first.warnings).toEqual([
      `${site.url}/articles/removed.html: HTTP 404.`,
      `${site.url}/articles/busy.html: HTTP 429, retry after 1 s; it is tried again then.`,
    ]);

    // The 429 left an item to retry, so the validators were not kept: a full fetch, not a 304.
    const second = await pollFeed(ctx, feed);
    expect(second.ingested).toBe(1);
    expect(second.seenBefore).toBe(3);
    const busy = site.hits('/articles/busy.html');
    expect(busy).toHaveLength(2);
    expect((busy[1]?.at ?? 0) - (busy[0]?.at ?? 0)).toBeGreaterThanOrEqual(1000);

    const third = await pollFeed(ctx, feed);
    expect(third.notModified).toBe(true);
    const feedHits = site.hits('/rss.xml');
    expect(feedHits).toHaveLength(3);
    expect(feedHits[0]?.headers['if-none-match']).toBeUndefined();
    expect(feedHits[2]?.headers['if-none-match']).toBe('"rss-v1"');
    expect(feedHits[2]?.headers['if-modified-since']).toBe('Mon, 23 Nov 2026 06:00:00 GMT');
    expect(feedHits[0]?.headers['user-agent']).toMatch(/^semsearch\//);

    // Each page fetched once; the dead link never again.
    expect(site.hits('/articles/harbour.html')).toHaveLength(1);
    expect(site.hits('/articles/quotas.html')).toHaveLength(1);
    expect(site.hits('/articles/removed.html')).toHaveLength(1);
    expect((await engine.stats()).articles).toBe(3);

    const article = await engine.getArticle('127.0.0.1/articles/busy');
    expect(article?.title).toBe('Lighthouse keepers return to Cape Povorotny after a decade');
    expect(article?.date).toBe('2026-11-22');
    expect(article?.source).toBe('The Harbour Gazette');
    expect(article?.metadata).toMatchObject({
      collection: '127.0.0.1',
      link: `${site.url}/articles/busy.html`,
      byline: 'Irina Volkova',
      feed,
    });
    // Navigation, cookie banner, related links and comments are not part of the text.
    for (const noise of ['Accept all cookies', 'Related stories', 'Regatta', 'seagull42', 'Weather', '©']) {
      expect(article?.text).not.toContain(noise);
    }
    expect(article?.text.startsWith('Keepers have returned to the lighthouse')).toBe(true);

    const hits = await engine.search({ query: 'lighthouse keepers back at the cape', k: 1 });
    expect(hits.hits[0]?.articleId).toBe('127.0.0.1/articles/busy');

    const status = readSourceStatus(join(tmp.dir, 'index')).find((s) => s.location === feed);
    expect(status).toMatchObject({ kind: 'feed', collection: '127.0.0.1', errors: 2, articles: 3 });
    expect(status?.lastChange).not.toBeNull();
  });

  it('a changing feed: new items go in, a reissued GUID is not fetched again', async () => {
    const feed = `${site.url}/changing.xml`;
    const before = site.hits('/articles/harbour.html').length;
    const first = await pollFeed(ctx, feed, 'wire');
    expect(first.ingested).toBe(2);
    expect((await pollFeed(ctx, feed, 'wire')).notModified).toBe(true);
    site.changeFeed();
    const changed = await pollFeed(ctx, feed, 'wire');
    expect(changed.ingested).toBe(1);
    expect(changed.seenBefore).toBe(2);
    expect(changed.warnings).toEqual([
      `${feed}: ${site.url}/articles/harbour.html came back with a new GUID (wire-1-reissued-7f3a); not fetched again.`,
    ]);
    expect(site.hits('/articles/harbour.html').length - before).toBe(1);
    expect(site.hits('/articles/late.html')).toHaveLength(1);
    const hits = site.hits('/changing.xml');
    expect(hits[1]?.headers['if-none-match']).toBe('"changing-v1"');
    expect(hits[2]?.headers['if-none-match']).toBe('"changing-v1"');
    expect((await engine.getArticle('wire/127.0.0.1/articles/late'))?.metadata.collection).toBe('wire');
  });

  it('malformed XML, HTML where a feed should be, a slow feed: warnings naming the URL', async () => {
    const malformed = await pollFeed(ctx, `${site.url}/malformed.xml`, 'broken');
    expect(malformed.ingested).toBeGreaterThanOrEqual(1);
    expect(await engine.getArticle('broken/127.0.0.1/articles/late')).toBeDefined();
    expect(malformed.warnings.join('\n')).toContain(`${site.url}/malformed.xml: item 2`);

    const html = await pollFeed(ctx, `${site.url}/not-a-feed`);
    expect(html.ingested).toBe(0);
    expect(html.error).toContain('is an HTML page, not a feed');
    expect(html.warnings).toEqual([
      `${site.url}/not-a-feed is an HTML page, not a feed; the page names its feed ${site.url}/rss.xml: follow that.`,
    ]);

    const slow = await pollFeed(ctx, `${site.url}/slow.xml`);
    expect(slow.warnings).toEqual([
      `${site.url}/slow.xml: no complete answer within 10 s; it is tried again on a later poll.`,
    ]);
  });

  it('Atom with relative links and a redirect; a windows-1252 page is decoded by its <meta charset>', async () => {
    const result = await pollFeed(ctx, `${site.url}/moved.xml`, 'islands');
    expect(result.ingested).toBe(2);
    const cafe = await engine.getArticle('islands/127.0.0.1/articles/cafe');
    expect(cafe?.title).toBe('Café on the quay wins the regional crème brûlée contest');
    expect(cafe?.text).toContain('won the regional crème brûlée contest');
    expect(cafe?.metadata.byline).toBe('Zoë Müller');
  });
});

describe('polite client', () => {
  let site: FeedServer;
  beforeAll(async () => {
    site = await startFeedServer({ slowMs: 300 });
  });
  afterAll(async () => {
    await site?.close();
  });

  it('one request at a time per host, a size limit, a redirect limit (checked on the server)', async () => {
    // The test site is on loopback: allowed here (test/integration/private-hosts.test.ts checks the refusal).
    const local = { allowPrivateHosts: true };
    const client = createPoliteClient(local);
    const pages = ['harbour', 'quotas', 'pipeline', 'late'].map((n) => `${site.url}/articles/${n}.html`);
    const results = await Promise.all([
      ...pages.map((p) => client.get(p)),
      client.get(`${site.url}/slow.xml`),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(site.requests).toHaveLength(5);
    expect(site.maxConcurrent()).toBe(1);

    await expect(
      createPoliteClient({ ...local, maxBytes: 1000 }).get(pages[0] as string),
    ).rejects.toMatchObject({
      code: 'DOCUMENT_TOO_LARGE',
    });
    await expect(
      createPoliteClient({ ...local, maxRedirects: 0 }).get(`${site.url}/moved.xml`),
    ).rejects.toMatchObject({
      code: 'FETCH_FAILED',
      message: `${site.url}/moved.xml: more than 0 redirects; not followed.`,
    });
    const followed = await createPoliteClient(local).get(`${site.url}/moved.xml`);
    expect(followed.url).toBe(`${site.url}/atom.xml`);
    await expect(client.get('file:///etc/passwd')).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});

describe('follow and ingest URL (CLI)', () => {
  const tmp = tempDir();
  let site: FeedServer;
  const index = () => join(tmp.dir, 'index');
  const cli = (args: string[]) =>
    run(process.execPath, [CLI, ...args, '--index', index()], { env: { ...process.env, NO_COLOR: '1' } });

  beforeAll(async () => {
    site = await startFeedServer();
  });
  afterAll(async () => {
    await site?.close();
    tmp.cleanup();
  });

  it('follow --once twice: articles once, the second poll conditional; ingest URL takes a page; stats lists the feed', async () => {
    const feed = `${site.url}/atom.xml`;
    const first = await cli(['follow', feed, '--once', '--json']);
    expect(JSON.parse(first.stdout.trim())).toMatchObject({ url: feed, ingested: 2, notModified: false });
    const second = await cli(['follow', feed, '--once', '--json']);
    expect(JSON.parse(second.stdout.trim())).toMatchObject({ url: feed, ingested: 0, notModified: true });
    const third = await cli(['follow', feed, '--once']);
    expect(third.stderr).toContain(`${feed}: not changed since the last poll; no new items`);
    expect(site.hits('/atom.xml')[1]?.headers['if-none-match']).toBe('"atom-v1"');
    expect(site.hits('/articles/pipeline.html')).toHaveLength(1);

    const page = await cli(['ingest', `${site.url}/articles/harbour.html`, '--collection', 'gazette']);
    expect(page.stderr).toContain('ingested "Nakhodka harbour reopens after three-day storm" in "gazette"');
    // Each card names its original article.
    const cards = (await cli(['ask', 'storm closed the port', '-k', '1'])).stdout;
    expect(cards).toContain(`${site.url}/articles/harbour.html`);

    const ask = await cli(['ask', 'storm closed the port', '-k', '1', '--json']);
    expect(JSON.parse(ask.stdout).hits[0].articleId).toBe('gazette/127.0.0.1/articles/harbour');

    const stats = JSON.parse((await cli(['stats', '--json'])).stdout);
    expect(stats.articles).toBe(3);
    expect(stats.sources).toEqual([
      expect.objectContaining({
        kind: 'feed',
        location: feed,
        collection: '127.0.0.1',
        articles: 2,
        errors: 0,
      }),
    ]);
    const text = (await cli(['stats'])).stdout;
    expect(text).toContain(`feed:       ${feed} → 127.0.0.1 · 2 articles · checked just now`);
    // A feed that cannot be read fails the run, for cron to see; the others still go in.
    for (const broken of [`${site.url}/missing.xml`, `${site.url}/not-a-feed`]) {
      const failed = await cli(['follow', broken, feed, '--once']).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number; stderr: string }) => e,
      );
      expect([broken, failed.code]).toEqual([broken, 1]);
      expect(failed.stderr).toContain('1 of 2 feeds could not be read');
    }
  });

  it('serve --follow: the server answers from a feed it follows, and polls again conditionally', async () => {
    const feed = `${site.url}/changing.xml`;
    const child = spawn(
      process.execPath,
      [CLI, 'serve', '--port', '0', '--follow', feed, '--every', '1s', '--index', join(tmp.dir, 'served')],
      { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    try {
      const url = await eventually(async () => {
        const m = /listening on (http:\/\/\S+)/.exec(stderr);
        if (!m?.[1]) throw new Error(stderr);
        return m[1];
      });
      await eventually(async () => {
        const res = await fetch(
          `${url}/v1/search?q=${encodeURIComponent('salmon quotas Kuril Islands')}&k=1`,
        );
        const body = (await res.json()) as { hits: Array<{ articleId: string }> };
        expect(body.hits[0]?.articleId).toBe('127.0.0.1/articles/quotas');
      });
      await eventually(async () => {
        expect(site.hits('/changing.xml').some((r) => r.headers['if-none-match'] === '"changing-v1"')).toBe(
          true,
        );
      });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
