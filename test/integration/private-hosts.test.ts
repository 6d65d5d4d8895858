/**
 * A feed may not lead to loopback, private, link-local or metadata addresses: not by an item's
 * link, not by a redirect, not by a name that resolves there. The feed's own host is allowed
 * (a feed on the user's own network), as is everything with allowPrivateHosts. Two local
 * servers: the "site" on 127.0.0.1 and a "secret" service on 127.0.0.2.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { createPoliteClient, pollFeed } from '../../src/feeds/index.js';
import { isPrivateAddress } from '../../src/feeds/private-address.js';
import { createSearchEngine, type SearchEngine } from '../../src/index.js';
import { tempDir } from '../helpers.js';

const PAGE = (title: string) =>
  `<html><head><title>${title}</title></head><body><article><h1>${title}</h1>${'<p>The harbour board met on Tuesday to discuss the new quay, the fishing quotas and the ferry timetable for the winter months.</p>'.repeat(4)}</article></body></html>`;

function listen(host: string, handler: Parameters<typeof createServer>[1]): Promise<Server> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, host, () => resolve(server)));
}
const portOf = (s: Server) => (s.address() as AddressInfo).port;

describe('private addresses', () => {
  it('knows loopback, private, link-local, metadata and mapped addresses', () => {
    for (const a of [
      '127.0.0.2',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '100.64.0.1',
      '169.254.169.254',
      '0.0.0.0',
      '::1',
      '[::1]',
      '::',
      'fe80::1%eth0',
      'fd00:ec2::254',
      '::ffff:127.0.0.1',
      '::ffff:7f00:2',
      '::ffff:169.254.169.254',
      '64:ff9b::a9fe:a9fe',
      '2002:7f00:1::',
      'not-an-ip',
    ])
      expect([a, isPrivateAddress(a)]).toEqual([a, true]);
    for (const a of ['8.8.8.8', '93.184.216.34', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])
      expect([a, isPrivateAddress(a)]).toEqual([a, false]);
  });
});

describe('feeds and private addresses', () => {
  const tmp = tempDir();
  let site: Server;
  let secret: Server;
  let siteUrl: string;
  let secretUrl: string;
  const secretHits: string[] = [];
  let engine: SearchEngine;

  beforeAll(async () => {
    secret = await listen('127.0.0.2', (req, res) => {
      secretHits.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE('Router admin secret'));
    });
    secretUrl = `http://127.0.0.2:${portOf(secret)}`;
    site = await listen('127.0.0.1', (req, res) => {
      if (req.url === '/redirect') return res.writeHead(302, { location: `${secretUrl}/via-redirect` }).end();
      if (req.url === '/own.html')
        return res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE('Own page'));
      if (req.url === '/feed.xml') {
        const item = (link: string, n: number) =>
          `<item><title>Item ${n}</title><link>${link}</link><guid>g${n}</guid></item>`;
        const items = [
          item(`${siteUrl}/own.html`, 1),
          item(`${secretUrl}/via-link`, 2),
          item(`${siteUrl}/redirect`, 3),
          item(`http://[::ffff:127.0.0.2]:${portOf(secret)}/via-mapped`, 4),
        ];
        return res
          .writeHead(200, { 'content-type': 'application/rss+xml' })
          .end(
            `<?xml version="1.0"?><rss version="2.0"><channel><title>Site</title>${items.join('')}</channel></rss>`,
          );
      }
      res.writeHead(404).end();
    });
    siteUrl = `http://127.0.0.1:${portOf(site)}`;
    engine = await createSearchEngine({
      indexDir: join(tmp.dir, 'index'),
      embedder: createFakeEmbedder(),
      logLevel: 'silent',
    });
  });
  afterAll(async () => {
    await engine?.close();
    await new Promise((r) => site?.close(r));
    await new Promise((r) => secret?.close(r));
    tmp.cleanup();
  });

  it('fetches the feed and its own host, refuses links and redirects to other private hosts', async () => {
    const logs: string[] = [];
    const result = await pollFeed(
      { engine, client: createPoliteClient(), log: (l) => logs.push(l) },
      `${siteUrl}/feed.xml`,
    );
    expect(result.ingested).toBe(1);
    expect(result.warnings).toHaveLength(3);
    for (const w of result.warnings)
      expect(w).toMatch(/loopback, private or link-local address; not fetched/);
    expect(result.warnings[1]).toContain(`${secretUrl}/via-redirect leads to 127.0.0.2`);
    expect(secretHits).toEqual([]);
    const titles = (await engine.listArticles({ limit: 10 })).articles.map((a) => a.title);
    expect(titles).toEqual(['Own page']);
  });

  it('a client given no trust refuses a private address; the user may allow it', async () => {
    await expect(createPoliteClient().get(`${secretUrl}/direct`)).rejects.toMatchObject({
      code: 'PRIVATE_ADDRESS',
    });
    // A name is checked by what it resolves to (localhost: 127.0.0.1 or ::1).
    await expect(createPoliteClient().get(`http://localhost:${portOf(site)}/own.html`)).rejects.toMatchObject(
      {
        code: 'PRIVATE_ADDRESS',
        message: expect.stringMatching(/leads to (127\.0\.0\.1|::1)/),
      },
    );
    // The user's own URL (the feed) may be private; a redirect from it may not lead elsewhere.
    const trust = { addresses: new Set<string>(), userGiven: true };
    await expect(createPoliteClient().get(`${secretUrl}/own`, { trust })).resolves.toMatchObject({
      status: 200,
    });
    await expect(
      createPoliteClient().get(`${siteUrl}/redirect`, { trust: { addresses: new Set(), userGiven: true } }),
    ).rejects.toMatchObject({ code: 'PRIVATE_ADDRESS' });
    const allowed = await createPoliteClient({ allowPrivateHosts: true }).get(`${siteUrl}/redirect`);
    expect(allowed.url).toBe(`${secretUrl}/via-redirect`);
    expect(secretHits).toEqual(['/own', '/via-redirect']);
  });
});
