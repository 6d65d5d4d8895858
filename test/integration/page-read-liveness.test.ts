/**
 * `serve --follow` and `serve --watch` read pages off the HTTP thread: while a page that takes seconds to
 * read (190 nested elements around 2,500 paragraphs: Readability on linkedom, seconds on a
 * loaded 2-core machine) is being read, the same process still answers `/health`. No timing is
 * asserted: the test only needs one `/health` answer while the read is known to be under way,
 * and each answer takes milliseconds against the read's seconds (a margin of several hundred
 * times, which a loaded machine slows alike on both sides). Read on the HTTP thread, as before,
 * no answer could come back until the page was done.
 */

import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { createPoliteClient, ingestUrl } from '../../src/feeds/index.js';
import { createSearchEngine, type SearchEngine } from '../../src/index.js';
import { pagesBeingRead } from '../../src/parse/index.js';
import { createHttpApp } from '../../src/serve/http/index.js';
import { createFolderWatcher } from '../../src/watch/index.js';
import { tempDir } from '../helpers.js';

/** Within the limits that send a page to Readability (html-shape.ts), and slow there. */
const SLOW_PAGE = `<html><head><title>Deep</title></head><body>${'<div>'.repeat(190)}${Array.from(
  { length: 2500 },
  (_, i) => `<p>Paragraph ${i} about the harbour wall and the river.</p>`,
).join('')}${'</div>'.repeat(190)}</body></html>`;

describe('reading a fetched page', () => {
  const tmp = tempDir();
  const servers: Server[] = [];
  let engine: SearchEngine | undefined;
  afterAll(async () => {
    for (const s of servers) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
    await engine?.close();
    tmp.cleanup();
  });

  it('leaves /health answering while the page is read', async () => {
    const site = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(SLOW_PAGE);
    });
    servers.push(site);
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    const indexDir = join(tmp.dir, 'index');
    engine = await createSearchEngine({ indexDir, embedder: createFakeEmbedder(), logLevel: 'silent' });
    const app = createHttpApp({ engine, config: resolveConfig({ indexDir }) });
    const api = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    servers.push(api);
    await new Promise((r) => api.once('listening', r));
    const health = `http://127.0.0.1:${(api.address() as AddressInfo).port}/health`;

    let settled = false;
    const ingest = ingestUrl(engine, `http://127.0.0.1:${(site.address() as AddressInfo).port}/deep.html`, {
      client: createPoliteClient({ allowPrivateHosts: true }),
      log: () => {},
    }).finally(() => {
      settled = true;
    });
    let answeredDuringRead = 0;
    while (!settled) {
      const reading = pagesBeingRead() > 0;
      const res = await fetch(health);
      if (res.ok && reading && pagesBeingRead() > 0) answeredDuringRead++;
      await new Promise((r) => setTimeout(r, 5));
    }
    const result = await ingest;
    expect(result.ingested).toBe(1);
    expect(answeredDuringRead).toBeGreaterThan(0);
  });

  it('leaves /health answering while a watched HTML file is read', async () => {
    const indexDir = join(tmp.dir, 'watch-index');
    const folder = join(tmp.dir, 'watched');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(folder);
    const own = await createSearchEngine({ indexDir, embedder: createFakeEmbedder(), logLevel: 'silent' });
    const app = createHttpApp({ engine: own, config: resolveConfig({ indexDir }) });
    const api = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    servers.push(api);
    await new Promise((r) => api.once('listening', r));
    const health = `http://127.0.0.1:${(api.address() as AddressInfo).port}/health`;
    const watcher = await createFolderWatcher({ engine: own, path: folder, debounceMs: 50, log: () => {} });
    try {
      writeFileSync(join(folder, 'deep.html'), SLOW_PAGE);
      let answeredDuringRead = 0;
      // Until the file is in the index (or a generous minute, which a failure reaches).
      const until = Date.now() + 120_000;
      while ((await own.stats()).articles === 0 && Date.now() < until) {
        const reading = pagesBeingRead() > 0;
        const res = await fetch(health);
        if (res.ok && reading && pagesBeingRead() > 0) answeredDuringRead++;
        await new Promise((r) => setTimeout(r, 5));
      }
      expect((await own.stats()).articles).toBe(1);
      expect(answeredDuringRead).toBeGreaterThan(0);
    } finally {
      await watcher.stop();
      await own.close();
    }
  });
});
