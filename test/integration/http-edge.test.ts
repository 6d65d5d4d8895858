/**
 * The edges Hono does not see or does not shape: Node's own 400/431 replies, nosniff on every
 * response, CORS "*", and clients that hang up mid-request (not an internal error).
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { createSearchEngine } from '../../src/index.js';
import { createHttpApp, type RunningServer, startHttpServer } from '../../src/serve/http/index.js';
import { eventually, SEEDS, tempDir } from '../helpers.js';

const KEY = 'edge-key-0123456789';

/** Send raw bytes, return everything the server answers until it closes. */
function raw(port: number, bytes: string, destroyAfterWrite = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => {
      answer += d.toString();
    });
    socket.on('end', () => resolve(answer));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.write(bytes, () => {
      if (destroyAfterWrite) socket.destroy();
    });
  });
}

describe('HTTP edges on a real server', () => {
  const tmp = tempDir();
  let server: RunningServer;
  const log: string[] = [];

  beforeAll(async () => {
    const engine = await createSearchEngine({ indexDir: tmp.dir, logLevel: 'silent' });
    await engine.ingestPaths([SEEDS]);
    await engine.close();
    server = await startHttpServer(
      { indexDir: tmp.dir, port: 0, apiKey: KEY, logLevel: 'debug' },
      { handleSignals: false, log: (l) => log.push(l) },
    );
  });
  afterAll(async () => {
    await server.close();
    tmp.cleanup();
  });

  it("Node's own 400 and 431 replies are JSON", async () => {
    const bad = await raw(server.port, 'GARBAGE\r\n\r\n');
    expect(bad).toMatch(/^HTTP\/1\.1 400 /);
    expect(bad).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(bad.slice(bad.indexOf('\r\n\r\n') + 4)).error.code).toBe('BAD_REQUEST');
    const big = await raw(
      server.port,
      `GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(big).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(big.slice(big.indexOf('\r\n\r\n') + 4)).error.code).toBe('HEADERS_TOO_LARGE');
    // A 20,000-character question in the URL lands here too: the answer says how to send it.
    const longQuery = await raw(
      server.port,
      `GET /v1/search?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`,
    );
    expect(longQuery).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(longQuery.slice(longQuery.indexOf('\r\n\r\n') + 4)).error.message).toMatch(
      /POST \/v1\/search/,
    );
  });

  it('every response carries nosniff, JSON errors included', async () => {
    for (const path of ['/health', '/v1/search?q=abe', '/v1/nothing', '/v1/search', '/']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  it('a client that hangs up mid-body is not logged as an internal error', async () => {
    const before = log.length;
    await raw(
      server.port,
      `POST /v1/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${KEY}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"articles": [`,
      true,
    );
    // The server notices the hang-up on its next turns; a later request shows it is done with it.
    await new Promise((r) => setTimeout(r, 300));
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    // And one that hangs up while its (complete) write and a search are running.
    const body = JSON.stringify({
      articles: Array.from({ length: 20 }, (_, i) => ({
        id: `gone-${i}`,
        title: `Gone ${i}`,
        text: `Walrus ${i}.`,
      })),
    });
    await raw(
      server.port,
      `POST /v1/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${KEY}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      true,
    );
    await raw(server.port, 'GET /v1/search?q=walrus HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', true);
    await eventually(() => expect(log.slice(before).join('\n')).toMatch(/POST \/v1\/articles \d{3} /), 100);
    await new Promise((r) => setTimeout(r, 300));
    const lines = log.slice(before).join('\n');
    expect(lines).toContain('POST /v1/articles started');
    expect(lines).toMatch(/POST \/v1\/articles \d{3} /);
    expect(lines).not.toMatch(/internal error/);
  });
});

describe('CORS', () => {
  it('SEMSEARCH_CORS_ORIGINS=* allows any origin; a list allows only its members', async () => {
    const tmp = tempDir();
    const engine = await createSearchEngine({ indexDir: tmp.dir, logLevel: 'silent' });
    try {
      const any = createHttpApp({ engine, config: resolveConfig({ indexDir: tmp.dir, corsOrigins: ['*'] }) });
      const res = await any.request('/health', { headers: { origin: 'https://app.example' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      const listed = createHttpApp({
        engine,
        config: resolveConfig({ indexDir: tmp.dir, corsOrigins: ['https://app.example'] }),
      });
      const ok = await listed.request('/health', { headers: { origin: 'https://app.example' } });
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example');
      const other = await listed.request('/health', { headers: { origin: 'https://other.example' } });
      expect(other.status).toBe(403);
    } finally {
      await engine.close();
      tmp.cleanup();
    }
  });
});
