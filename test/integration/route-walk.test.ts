/**
 * Every registered route, walked: beyond loopback with a key, each one (page, MCP, /v1) is 401
 * without the key and answers with it; on a loopback bind each one refuses a foreign Host.
 * Runs on its own index, so deleting and adding articles here cannot disturb other suites.
 */
import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { createSearchEngine, type SearchEngine } from '../../src/index.js';
import { createHttpApp } from '../../src/serve/http/index.js';
import { SEEDS, tempDir } from '../helpers.js';

const KEY = 'walk-key-0123456789';
const SEED_ID = '000_49243b7414c43ba9';
/** Liveness and readiness stay open to probes on any bind (they reveal nothing). */
const OPEN = new Set(['/health', '/ready']);
const MCP_BODY = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
const MCP_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

type App = ReturnType<typeof createHttpApp>;

/** Distinct (method, path) pairs the app routes, middleware excluded. */
function registeredRoutes(app: App): Array<{ method: string; path: string }> {
  const seen = new Map<string, { method: string; path: string }>();
  for (const r of app.routes) {
    if (r.path === '*' || r.path === '/*') continue;
    seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path });
  }
  return [...seen.values()];
}

/** A request that the route would answer with success when authorized. */
function requestFor(route: { method: string; path: string }, passageId: number): [string, RequestInit] {
  const url = route.path
    .replace(':id', route.path.includes('passages') ? String(passageId) : SEED_ID)
    .concat(route.path === '/v1/search' && route.method === 'GET' ? '?q=abe' : '')
    .concat(route.path === '/v1/statements' ? '?speaker=abe' : '')
    .concat(route.path === '/' ? '?q=abe' : '');
  const method = route.method === 'ALL' ? 'POST' : route.method;
  if (route.path === '/mcp') return [url, { method, headers: MCP_HEADERS, body: MCP_BODY }];
  if (method === 'POST')
    return [
      url,
      {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          route.path === '/v1/search' ? { query: 'abe' } : { id: 'walk-1', title: 'Walk', text: 'A walk.' },
        ),
      },
    ];
  // DELETE removes the article the POST added, never a seed.
  return [method === 'DELETE' ? url.replace(SEED_ID, 'walk-1') : url, { method }];
}

describe('route walk', () => {
  const tmp = tempDir();
  let engine: SearchEngine;
  let passageId: number;

  beforeAll(async () => {
    engine = await createSearchEngine({ indexDir: tmp.dir, logLevel: 'silent' });
    await engine.ingestPaths([SEEDS]);
    const hit = (await engine.search({ query: 'Abe', k: 1 })).hits[0];
    passageId = hit?.passageId ?? 0;
  });
  afterAll(async () => {
    await engine.close();
    tmp.cleanup();
  });

  /** POST before DELETE so the delete has the walk's own article to remove. */
  const ordered = (app: App) =>
    registeredRoutes(app).sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));

  it('beyond loopback with a key: every route but the probes is 401 without the key, 2xx with it', async () => {
    const app = createHttpApp({
      engine,
      config: resolveConfig({ indexDir: tmp.dir, apiKey: KEY, host: '0.0.0.0' }),
    });
    const routes = ordered(app);
    const paths = routes.map((r) => r.path);
    for (const p of [
      '/',
      '/articles/:id',
      '/static/app.js',
      '/mcp',
      '/v1/search',
      '/v1/stats',
      '/openapi.json',
    ])
      expect(paths).toContain(p);
    for (const route of routes) {
      const [url, init] = requestFor(route, passageId);
      const anonymous = await app.request(url, init);
      const label = `${route.method} ${url}`;
      if (OPEN.has(route.path)) {
        expect(anonymous.status, label).toBeLessThan(300);
        continue;
      }
      expect(anonymous.status, label).toBe(401);
      const body = await anonymous.text();
      expect(body, label).not.toContain('Kuril');
      const wrong = await app.request(url, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), authorization: 'Bearer wrong' },
      });
      expect(wrong.status, label).toBe(401);
      const keyed = await app.request(url, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${KEY}` },
      });
      expect(keyed.status, label).toBeGreaterThanOrEqual(200);
      expect(keyed.status, label).toBeLessThan(400);
    }
  });

  it('the page takes the key as HTTP Basic credentials and asks the browser for them', async () => {
    const app = createHttpApp({
      engine,
      config: resolveConfig({ indexDir: tmp.dir, apiKey: KEY, host: '0.0.0.0' }),
    });
    const anonymous = await app.request(`/articles/${SEED_ID}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic /);
    const basic = `Basic ${Buffer.from(`anyone:${KEY}`).toString('base64')}`;
    const page = await app.request(`/articles/${SEED_ID}`, { headers: { authorization: basic } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Kuril');
    const wrong = `Basic ${Buffer.from('anyone:nope').toString('base64')}`;
    expect((await app.request('/?q=Kuril', { headers: { authorization: wrong } })).status).toBe(401);
  });

  it('on a loopback bind every route refuses a foreign Host, and a foreign Origin', async () => {
    const app = createHttpApp({ engine, config: resolveConfig({ indexDir: tmp.dir, apiKey: KEY }) });
    for (const route of ordered(app)) {
      const [url, init] = requestFor(route, passageId);
      const headers = { ...(init.headers as Record<string, string>), authorization: `Bearer ${KEY}` };
      for (const evil of [{ host: 'evil.example' }, { host: '127.evil.example:8787' }]) {
        const res = await app.request(url, { ...init, headers: { ...headers, ...evil } });
        expect(res.status, `${route.method} ${url} ${evil.host}`).toBe(403);
        expect(await res.text()).not.toContain('Kuril');
      }
      const origin = await app.request(url, {
        ...init,
        headers: { ...headers, host: '127.0.0.1:8787', origin: 'http://evil.example' },
      });
      expect(origin.status, `${route.method} ${url} origin`).toBe(403);
    }
  });

  it('the OpenAPI document validates and every route in it answers', async () => {
    const app = createHttpApp({ engine, config: resolveConfig({ indexDir: tmp.dir, apiKey: KEY }) });
    const doc = (await (await app.request('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, JSON.stringify(result)).toBe(true);
    const routes = Object.entries(doc.paths)
      .flatMap(([path, methods]) =>
        Object.keys(methods).map((m) => ({ method: m.toUpperCase(), path: path.replace('{id}', ':id') })),
      )
      .sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
    expect(routes.length).toBeGreaterThanOrEqual(8);
    for (const route of routes) {
      const [url, init] = requestFor(route, passageId);
      const res = await app.request(url, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${KEY}` },
      });
      expect(res.status, `${route.method} ${url}`).toBeLessThan(300);
    }
    expect(await engine.getArticle(SEED_ID)).toBeDefined();
    expect(await engine.getArticle('walk-1')).toBeUndefined();
  });
});
