/**
 * A cluster that goes away after the engine opened: the request fails fast with
 * BACKEND_UNAVAILABLE, which the HTTP API answers as 503 with a message saying what to do.
 * The cluster is reached through a loopback TCP relay that the test cuts, so the real
 * cluster keeps running for the other suites.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openElasticsearchBackend } from '../../src/backends/elasticsearch/index.js';
import { resolveConfig } from '../../src/config.js';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { createSearchEngine, type SearchEngine } from '../../src/index.js';
import { createHttpApp } from '../../src/serve/http/app.js';
import { ES_MISSING, ES_TEST_URL, esNamespace } from '../es-helpers.js';
import { SEEDS } from '../helpers.js';

function relay(target: URL): Promise<{ server: Server; url: string; cut: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        server,
        url: `http://127.0.0.1:${port}`,
        cut: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            for (const s of sockets) s.destroy();
          }),
      });
    }),
  );
}

describe.skipIf(ES_MISSING !== undefined)(
  `Elasticsearch outage${ES_MISSING ? ` (not run: ${ES_MISSING})` : ''}`,
  () => {
    const namespace = esNamespace();
    let engine: SearchEngine;
    let link: Awaited<ReturnType<typeof relay>>;
    beforeAll(async () => {
      link = await relay(new URL(ES_TEST_URL));
      const backend = await openElasticsearchBackend({ url: link.url, namespace });
      engine = await createSearchEngine({ embedder: createFakeEmbedder(), ...backend });
      await engine.ingestPaths([SEEDS]);
    });
    afterAll(async () => {
      await engine.close();
      const cleanup = await openElasticsearchBackend({ url: ES_TEST_URL, namespace });
      await cleanup.store.drop();
      await cleanup.store.close();
    });

    it('answers 503 BACKEND_UNAVAILABLE once the cluster cannot be reached', async () => {
      const app = createHttpApp({ engine, config: resolveConfig({ backend: 'elasticsearch' }) });
      const ok = await app.request('/v1/search?q=Kuril+islands');
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { hits: unknown[] }).hits.length).toBeGreaterThan(0);

      await link.cut();
      const down = await app.request('/v1/search?q=Kuril+islands');
      expect(down.status).toBe(503);
      const body = (await down.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('BACKEND_UNAVAILABLE');
      expect(body.error.message).toContain(link.url);
      expect(body.error.message).toContain('scripts/es-cluster.sh');
    });
  },
);
