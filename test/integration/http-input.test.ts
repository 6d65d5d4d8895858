/**
 * Hostile input at the HTTP and MCP edges: oversized filters, malformed dates, deep nesting.
 * Each is a 4xx with a short message; nothing stored changes.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { createSearchEngine, type SearchEngine } from '../../src/index.js';
import { createHttpApp } from '../../src/serve/http/index.js';
import { SEEDS, tempDir } from '../helpers.js';

const KEY = 'input-key-0123456789';
const json = { 'content-type': 'application/json' };
const mcpHeaders = { ...json, accept: 'application/json, text/event-stream' };

function metadataOf(keys: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < keys; i++) out[`k${i}`] = 'v';
  return out;
}

/** JSON text nested `depth` objects deep (JSON.stringify itself would overflow the stack). */
function nestedJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}"leaf"${'}'.repeat(depth)}`;
}

describe('input bounds', () => {
  const tmp = tempDir();
  let engine: SearchEngine;
  let app: ReturnType<typeof createHttpApp>;
  const search = (body: unknown) =>
    app.request('/v1/search', { method: 'POST', headers: json, body: JSON.stringify(body) });
  const mcpCall = async (args: unknown) => {
    const res = await app.request('/mcp', {
      method: 'POST',
      headers: mcpHeaders,
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'search_articles', arguments: args },
      }),
    });
    return { status: res.status, text: await res.text() };
  };

  beforeAll(async () => {
    engine = await createSearchEngine({ indexDir: tmp.dir, logLevel: 'silent' });
    await engine.ingestPaths([SEEDS]);
    app = createHttpApp({ engine, config: resolveConfig({ indexDir: tmp.dir, apiKey: KEY }) });
  });
  afterAll(async () => {
    await engine.close();
    tmp.cleanup();
  });

  it('an 8 MiB search body of 600k metadata keys is a 413, on /v1/search and /mcp', async () => {
    const filters = { metadata: metadataOf(600_000) };
    const res = await search({ query: 'abe', filters });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await mcpCall({ query: 'abe', filters })).status).toBe(413);
  });

  it('a body not sent as JSON is a 415 that says how to send it', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await app.request('/v1/search', {
        method: 'POST',
        headers: { 'content-type': type },
        body: 'query=abe',
      });
      expect(res.status).toBe(415);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(error.message).toContain('Content-Type: application/json');
      expect(error.message).toContain(type);
    }
  });

  it('too many metadata keys or article ids is a 400 with a short message; the cap itself passes', async () => {
    const many = await search({ query: 'abe', filters: { metadata: metadataOf(60_000) } });
    expect(many.status).toBe(400);
    const text = await many.text();
    expect(text).toContain('at most 64 keys');
    expect(text.length).toBeLessThan(1000);
    expect((await search({ query: 'abe', filters: { metadata: metadataOf(65) } })).status).toBe(400);
    expect((await search({ query: 'abe', filters: { metadata: metadataOf(64) } })).status).toBe(200);
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `id-${i}`);
    expect((await search({ query: 'abe', filters: { articleIds: ids(1001) } })).status).toBe(400);
    expect((await search({ query: 'abe', filters: { articleIds: ids(1000) } })).status).toBe(200);
    const get = await app.request(`/v1/search?q=abe&articleIds=${ids(1001).join(',')}`);
    expect(get.status).toBe(400);
    const longKey = await search({ query: 'abe', filters: { metadata: { ['k'.repeat(201)]: 'v' } } });
    expect(longKey.status).toBe(400);
    const overMcp = await mcpCall({ query: 'abe', filters: { metadata: metadataOf(5000) } });
    expect(overMcp.status).toBe(200);
    expect(overMcp.text).toMatch(/"isError":true|"error"/);
    expect(overMcp.text.length).toBeLessThan(2000);
  });

  it('malformed dates are a 400 over GET, POST and MCP; ISO years, months and days pass', async () => {
    for (const bad of ['yesterday', '2019-13-45', '2019-02-30', '2019-00', '19-01-01', '--13-01']) {
      const get = await app.request(`/v1/search?q=abe&dateFrom=${encodeURIComponent(bad)}`);
      expect(get.status, bad).toBe(400);
      expect(await get.text(), bad).toContain('dateFrom');
      expect((await search({ query: 'abe', filters: { dateTo: bad } })).status, bad).toBe(400);
      expect((await mcpCall({ query: 'abe', filters: { dateFrom: bad } })).text, bad).toMatch(
        /"isError":true|"error"/,
      );
    }
    for (const good of ['2018', '2018-01', '2018-01-22', '--01-22', '2020-02-29']) {
      const res = await app.request(`/v1/search?q=abe&dateFrom=${good}&dateTo=${good}`);
      expect(res.status, good).toBe(200);
    }
    const ok = await mcpCall({ query: 'abe', filters: { dateFrom: '2018-01' } });
    expect(ok.text).not.toContain('"isError":true');
  });

  it('article metadata nested 5,000 deep is a 400 and stores nothing', async () => {
    const before = (await engine.stats()).articles;
    const res = await app.request('/v1/articles', {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${KEY}` },
      body: `{"id":"deep","title":"Deep","text":"Deep text.","metadata":{"x":${nestedJson(5000)}}}`,
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('nests deeper');
    expect((await engine.stats()).articles).toBe(before);
  });

  it('no absolute path reaches the network: stats, articles, the 409 body, MCP replies', async () => {
    const outside = join(tmp.dir, 'outside.txt');
    writeFileSync(outside, 'Outside title\n\nAn article from a folder outside the working folder.\n');
    await engine.ingestPaths([outside]);
    const stats = await app.request('/v1/stats');
    const statsText = await stats.text();
    expect(stats.status).toBe(200);
    expect(statsText).not.toContain(tmp.dir);
    expect(statsText).not.toContain('indexDir');
    const seed = (await (await app.request('/v1/articles/000_49243b7414c43ba9')).json()) as {
      sourcePath: string;
    };
    expect(seed.sourcePath).toMatch(/^seeds\/000_/);
    const out = (await (await app.request('/v1/articles/outside')).json()) as { sourcePath: string };
    expect(out.sourcePath).toBe('outside.txt');
    const viaMcp = await app.request('/mcp', {
      method: 'POST',
      headers: mcpHeaders,
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'get_article', arguments: { id: 'outside' } },
      }),
    });
    const mcpText = await viaMcp.text();
    expect(mcpText).toContain('outside.txt');
    expect(mcpText).not.toContain(tmp.dir);
    // Another live process holds the write lock: a 409 that does not name the folder.
    writeFileSync(join(tmp.dir, 'write.lock'), String(process.ppid));
    try {
      const locked = await app.request('/v1/articles', {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${KEY}` },
        body: JSON.stringify({ id: 'locked', title: 'Locked', text: 'Locked out.' }),
      });
      expect(locked.status).toBe(409);
      const body = await locked.text();
      expect(body).toContain('INDEX_LOCKED');
      expect(body).not.toContain(tmp.dir);
    } finally {
      rmSync(join(tmp.dir, 'write.lock'), { force: true });
    }
  });
});
