/**
 * A news site on 127.0.0.1 for feed tests: fixture feeds and article pages from
 * test/fixtures/feeds, with ETag/Last-Modified, a 404 item, a 429 with Retry-After, a slow
 * response, an HTML page where a feed should be, and a feed that changes between polls. Every
 * request is recorded so tests can check on the server side what the client sent.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { FIXTURES } from './helpers.js';

const DIR = join(FIXTURES, 'feeds');
const LAST_MODIFIED = 'Mon, 23 Nov 2026 06:00:00 GMT';

export interface RecordedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  at: number;
}

export interface FeedServer {
  url: string;
  host: string;
  requests: RecordedRequest[];
  /** Most requests this server was answering at the same moment. */
  maxConcurrent(): number;
  /** Requests to one path, in order. */
  hits(path: string): RecordedRequest[];
  /** Serve the second version of /changing.xml from now on. */
  changeFeed(): void;
  close(): Promise<void>;
}

export async function startFeedServer(options: { slowMs?: number } = {}): Promise<FeedServer> {
  const requests: RecordedRequest[] = [];
  let version = 1;
  let busyServed = 0;
  let host = '';
  let inFlight = 0;
  let maxInFlight = 0;
  const fixture = (name: string) => readFileSync(join(DIR, name));
  const xml = (name: string) =>
    Buffer.from(fixture(name).toString('utf8').replaceAll('http://HOST', `http://${host}`));
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push({ path, headers: req.headers, at: Date.now() });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    const send = (
      status: number,
      type: string,
      body: Buffer | string,
      headers: Record<string, string> = {},
    ) => {
      res.writeHead(status, { 'content-type': type, ...headers });
      res.end(body);
    };
    /** A feed with validators: 304 when the client already has this version. */
    const feed = (name: string, type: string, etag: string) => {
      if (req.headers['if-none-match'] === etag) return send(304, type, '', { etag });
      send(200, type, xml(name), { etag, 'last-modified': LAST_MODIFIED });
    };
    switch (path) {
      case '/rss.xml':
        return feed('rss.xml', 'application/rss+xml; charset=utf-8', '"rss-v1"');
      case '/atom.xml':
        return feed('atom.xml', 'application/atom+xml', '"atom-v1"');
      case '/changing.xml':
        return feed(`changing-${version}.xml`, 'application/rss+xml', `"changing-v${version}"`);
      case '/malformed.xml':
        return send(200, 'application/rss+xml', xml('malformed.xml'));
      case '/not-a-feed':
        return send(200, 'text/html; charset=utf-8', fixture('harbour.html'));
      case '/slow.xml': {
        const timer = setTimeout(
          () => send(200, 'application/rss+xml', xml('rss.xml')),
          options.slowMs ?? 5000,
        );
        res.on('close', () => clearTimeout(timer));
        return;
      }
      case '/moved.xml':
        return send(301, 'text/plain', 'moved', { location: '/atom.xml' });
      case '/articles/busy.html':
        // Busy once: a 429 that asks for one second of patience, then the page.
        if (busyServed++ === 0) return send(429, 'text/plain', 'slow down', { 'retry-after': '1' });
        return send(200, 'text/html; charset=utf-8', fixture('busy.html'));
      case '/articles/cafe.html':
        // windows-1252 bytes, declared only in the page's <meta charset>.
        return send(200, 'text/html', fixture('cafe.html'));
      default: {
        const m = /^\/articles\/([a-z]+)\.html$/.exec(path);
        if (m && ['harbour', 'quotas', 'pipeline', 'late'].includes(m[1] ?? '')) {
          return send(200, 'text/html; charset=utf-8', fixture(`${m[1]}.html`));
        }
        return send(404, 'text/plain', 'not found');
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  return {
    url: `http://${host}`,
    host,
    requests,
    maxConcurrent: () => maxInFlight,
    hits: (p) => requests.filter((r) => r.path === p),
    changeFeed: () => {
      version = 2;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
