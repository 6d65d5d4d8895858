/**
 * The `pages` scenario of `npm run bench:liveness`: `semsearch serve --follow` polls a local
 * feed of hostile pages (deep, wide, long) while the probe asks `/health` one request at a
 * time. Pages are read on the page worker; what is left on the HTTP thread is cutting the
 * article into passages, its copy check, its write and its vectors' addition to the graph,
 * each done in slices except the article's one SQLite transaction.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tempDir } from '../test/helpers.js';
import { startServeProcess } from './lib.js';

/** The pages, each with what it is: the shapes that held `/health` longest before. */
export const HOSTILE_PAGES: Array<{ name: string; what: string; html: string }> = [
  {
    name: 'paragraphs',
    what: '190 nested elements around 5,000 paragraphs',
    html: `<html><head><title>Paragraphs</title></head><body>${'<div>'.repeat(190)}${Array.from(
      { length: 5000 },
      (_, i) => `<p>Paragraph ${i} about the harbour wall.</p>`,
    ).join('')}${'</div>'.repeat(190)}</body></html>`,
  },
  {
    name: 'deep',
    what: '200,000 nested elements',
    html: `<html><head><title>Deep</title></head><body>${'<div>'.repeat(200_000)}The harbour wall.${'</div>'.repeat(200_000)}</body></html>`,
  },
  {
    name: 'deep-small',
    what: '1,500 nested elements',
    html: `<html><head><title>Deep small</title></head><body>${'<div>'.repeat(1500)}<p>The harbour wall held.</p>${'</div>'.repeat(1500)}</body></html>`,
  },
];

function feed(base: string): string {
  const items = HOSTILE_PAGES.map(
    (p) => `<item><title>${p.name}</title><link>${base}/${p.name}.html</link><guid>${p.name}</guid></item>`,
  ).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title><link>${base}/</link>${items}</channel></rss>`;
}

/** Start the feed's site and a server following it; `until` settles when every page is stored. */
export async function followHostilePages(key: string): Promise<{
  url: string;
  pid: number;
  done: Promise<string>;
  stop: () => Promise<void>;
}> {
  const site: Server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    const page = HOSTILE_PAGES.find((p) => req.url === `/${p.name}.html`);
    if (req.url === '/feed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(feed(base));
    } else if (page) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page.html);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  const tmp = tempDir('semsearch-liveness-pages-');
  const feedUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/feed.xml`;
  const server = await startServeProcess(['--index', join(tmp.dir, 'index'), '--follow', feedUrl], {
    SEMSEARCH_API_KEY: key,
  });
  const started = performance.now();
  const done = (async () => {
    for (;;) {
      const res = await fetch(`${server.url}/v1/stats`, { headers: { authorization: `Bearer ${key}` } });
      const stats = (await res.json()) as { articles?: number; passages?: number };
      if ((stats.articles ?? 0) >= HOSTILE_PAGES.length)
        return `${stats.articles} pages (${stats.passages} passages) read and stored in ${((performance.now() - started) / 1000).toFixed(1)} s`;
      if (performance.now() - started > 600_000)
        throw new Error('the pages were not all stored in 10 minutes');
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return {
    url: server.url,
    pid: server.child.pid as number,
    done,
    stop: async () => {
      server.child.kill('SIGTERM');
      await new Promise((r) => server.child.once('exit', r));
      await new Promise((r) => site.close(r));
      tmp.cleanup();
    },
  };
}
