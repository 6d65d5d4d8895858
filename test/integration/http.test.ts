/** The HTTP API through app.request() and through a real listening server with MCP clients. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { createSearchEngine, type SearchEngine } from '../../src/index.js';
import {
  BODY_MAX_BYTES,
  createHttpApp,
  type RunningServer,
  startHttpServer,
} from '../../src/serve/http/index.js';
import { CLI, FIXTURES, SEEDS, tempDir } from '../helpers.js';

const KEY = 'test-key-0123456789';
const KURIL = [
  'Kunashir and Iturup',
  'southern part of the Kuril Islands',
  'South Kuril Island of Shikotan',
  'solve their territorial problem',
];
const auth = { authorization: `Bearer ${KEY}` };
const json = { 'content-type': 'application/json' };

/** Response JSON for assertions: tests poke into it freely. */
// biome-ignore lint/suspicious/noExplicitAny: assertions check the shape at run time
const read = async (res: Response | Promise<Response>): Promise<any> => (await res).json();

describe('HTTP API (app.request)', () => {
  const tmp = tempDir();
  let engine: SearchEngine;
  let app: ReturnType<typeof createHttpApp>;

  beforeAll(async () => {
    engine = await createSearchEngine({ indexDir: tmp.dir, logLevel: 'silent' });
    await engine.ingestPaths([SEEDS]);
    app = createHttpApp({ engine, config: resolveConfig({ indexDir: tmp.dir, apiKey: KEY }) });
  });
  afterAll(async () => {
    await engine.close();
    tmp.cleanup();
  });

  it('health and readiness', async () => {
    expect((await app.request('/health')).status).toBe(200);
    await engine.warmUp();
    expect(await read(app.request('/ready'))).toEqual({ status: 'ready' });
  });

  it('GET and POST /v1/search answer the Kuril question with a Kuril passage', async () => {
    const get = await app.request(
      `/v1/search?q=${encodeURIComponent('what did Abe say about the Kurils')}&k=3`,
    );
    expect(get.status).toBe(200);
    const body = await read(get);
    // k counts articles (cards): the two seed articles, each once, best passage first.
    expect(body.cards).toHaveLength(2);
    expect(new Set(body.cards.map((c: { title: string }) => c.title)).size).toBe(2);
    expect(body.total).toBe(2);
    expect(body.totalIsEstimate).toBe(false);
    expect(KURIL.some((s) => body.hits[0].text.includes(s))).toBe(true);
    expect(body.cards[0].link.passageId).toBe(body.hits[0].passageId);
    const scores = body.hits.map((h: { score: number }) => h.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    expect(['good', 'weak']).toContain(body.match);
    expect(body.timings.totalMs).toBeGreaterThan(0);
    const post = await app.request('/v1/search', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        query: 'alliance with the United States',
        k: 2,
        mode: 'hybrid',
        filters: { source: 'TASS' },
      }),
    });
    expect(post.status).toBe(200);
    expect((await read(post)).hits[0].text).toContain(
      'The alliance with the United States is the foundation',
    );
  });

  it('bad input is a 400 with a code and a message that says what to fix', async () => {
    const cases: Array<[string, RequestInit | undefined, string]> = [
      ['/v1/search?k=3', undefined, 'q'],
      ['/v1/search?q=abe&k=0', undefined, 'k'],
      ['/v1/search?q=abe&k=1000', undefined, 'k'],
      ['/v1/search?q=abe&mode=fuzzy', undefined, 'mode'],
      [`/v1/search?q=${'x'.repeat(10_001)}`, undefined, 'q'],
      [
        '/v1/search',
        { method: 'POST', headers: json, body: JSON.stringify({ query: 'abe', bogus: 1 }) },
        'bogus',
      ],
      ['/v1/search', { method: 'POST', headers: json, body: JSON.stringify({ query: '' }) }, 'query'],
      ['/v1/passages/abc', undefined, 'id'],
    ];
    for (const [path, init, field] of cases) {
      const res = await app.request(path, init);
      expect(res.status, path).toBe(400);
      const body = await read(res);
      expect(body.error.code).toBe('BAD_INPUT');
      expect(body.error.message).toContain(field);
      expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
    }
    const malformed = await app.request('/v1/search', {
      method: 'POST',
      headers: json,
      body: '{"query": "abe",',
    });
    expect(malformed.status).toBe(400);
    expect((await read(malformed)).error).toMatchObject({
      code: 'MALFORMED_JSON',
      message: expect.stringContaining('not valid JSON'),
    });
  });

  it('FTS syntax in the query is just text', async () => {
    for (const q of ['"', 'NEAR(abe', 'AND OR', '*', '-abe']) {
      const res = await app.request(`/v1/search?q=${encodeURIComponent(q)}&mode=lexical`);
      expect(res.status, q).toBe(200);
    }
  });

  it('GET /v1/articles lists a page of articles by id; /v1/collections counts them', async () => {
    const first = await read(app.request('/v1/articles?limit=1'));
    expect(first.total).toBe(2);
    expect(first.articles.map((a: { id: string }) => a.id)).toEqual(['000_49243b7414c43ba9']);
    expect(first.articles[0]).toMatchObject({ date: '2018-01-22', passageCount: expect.any(Number) });
    expect(first.articles[0].text).toBeUndefined();
    const second = await read(app.request('/v1/articles?offset=1&limit=5'));
    expect(second.articles.map((a: { id: string }) => a.id)).toEqual(['001_5b0540494f67e9be']);
    expect((await read(app.request('/v1/articles?collection=nope'))).total).toBe(0);
    // The two seeds are different stories: none has copies.
    expect(first.articles[0].story).toBe('000_49243b7414c43ba9');
    expect((await read(app.request('/v1/articles?copies=true'))).total).toBe(0);
    expect((await app.request('/v1/articles?limit=0')).status).toBe(400);
    expect((await app.request('/v1/articles?limit=1001')).status).toBe(400);
    expect(await read(app.request('/v1/collections'))).toEqual({ collections: [] });
    const spec = await read(app.request('/openapi.json'));
    expect(spec.paths['/v1/articles'].get.parameters.map((p: { name: string }) => p.name)).toEqual([
      'collection',
      'offset',
      'limit',
      'copies',
    ]);
  });

  it('articles and passages by id, 404 when missing', async () => {
    const article = await app.request('/v1/articles/001_5b0540494f67e9be');
    expect(article.status).toBe(200);
    const a = await read(article);
    expect(a).toMatchObject({
      title: expect.stringContaining('Tokyo seeks'),
      place: 'TOKYO',
      source: 'TASS',
      passageCount: expect.any(Number),
    });
    const search = await read(app.request('/v1/search?q=Shikotan&k=1'));
    const passage = await app.request(`/v1/passages/${search.hits[0].passageId}`);
    expect(passage.status).toBe(200);
    const p = await read(passage);
    expect(a.text.slice(p.start, p.end)).toBe(p.text);
    expect((await app.request('/v1/articles/nope')).status).toBe(404);
    expect((await read(app.request('/v1/passages/999999'))).error.code).toBe('NOT_FOUND');
    expect((await app.request('/v1/nothing-here')).status).toBe(404);
  });

  it('an id with slashes is the rest of the path, escaped or not, on every article route', async () => {
    const auth = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
    const id = 'local/news/flood-warning';
    const body = JSON.stringify({
      id,
      title: 'Flood warning',
      text: 'The river is expected to rise tonight.',
    });
    expect((await app.request('/v1/articles', { method: 'POST', headers: auth, body })).status).toBe(200);
    for (const path of [`/v1/articles/${id}`, `/v1/articles/${encodeURIComponent(id)}`]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect((await read(res)).id).toBe(id);
    }
    const page = await app.request(`/articles/${id}`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Flood warning');
    expect((await app.request('/v1/articles/local/news/no-such')).status).toBe(404);
    expect((await app.request(`/v1/articles/${id}`, { method: 'DELETE', headers: auth })).status).toBe(200);
    expect((await app.request(`/v1/articles/${id}`)).status).toBe(404);
  });

  it('write routes need the key: 401 without, 200 with; the article is then searchable and deletable', async () => {
    const article = {
      id: 'api-1',
      title: 'Crab fishery report',
      text: 'Crab catches near Shikotan doubled this autumn, fishermen said.',
      source: 'Test',
    };
    const body = JSON.stringify(article);
    expect((await app.request('/v1/articles', { method: 'POST', headers: json, body })).status).toBe(401);
    const wrong = await app.request('/v1/articles', {
      method: 'POST',
      headers: { ...json, authorization: 'Bearer nope' },
      body,
    });
    expect(wrong.status).toBe(401);
    expect((await read(wrong)).error.code).toBe('UNAUTHORIZED');
    const ok = await app.request('/v1/articles', { method: 'POST', headers: { ...json, ...auth }, body });
    expect(ok.status).toBe(200);
    expect(await read(ok)).toMatchObject({ articlesNew: 1, passagesEmbedded: 1 });
    const found = await read(app.request('/v1/search?q=crab%20catches&k=1'));
    expect(found.hits[0].articleId).toBe('api-1');
    expect((await app.request('/v1/articles/api-1', { method: 'DELETE' })).status).toBe(401);
    expect((await app.request('/v1/articles/api-1', { method: 'DELETE', headers: auth })).status).toBe(200);
    expect((await app.request('/v1/articles/api-1', { method: 'DELETE', headers: auth })).status).toBe(404);
    const gone = await read(app.request('/v1/search?q=crab%20catches&k=5&mode=lexical'));
    expect(gone.hits.some((h: { articleId: string }) => h.articleId === 'api-1')).toBe(false);
  });

  it('an oversize body is a 413; a batch of bad articles is a 400', async () => {
    const huge = JSON.stringify({ title: 'big', text: 'x'.repeat(BODY_MAX_BYTES + 10) });
    const res = await app.request('/v1/articles', {
      method: 'POST',
      headers: { ...json, ...auth },
      body: huge,
    });
    expect(res.status).toBe(413);
    expect((await read(res)).error.code).toBe('PAYLOAD_TOO_LARGE');
    const bad = await app.request('/v1/articles', {
      method: 'POST',
      headers: { ...json, ...auth },
      body: JSON.stringify({ articles: [{ title: 'no text' }] }),
    });
    expect(bad.status).toBe(400);
  });

  it('stats and the OpenAI-style tool list', async () => {
    expect(await read(app.request('/v1/stats'))).toMatchObject({ articles: 2, model: { dimension: 384 } });
    const { tools } = await read(app.request('/v1/tools'));
    expect(tools.map((t: { function: { name: string } }) => t.function.name)).toEqual([
      'search_articles',
      'get_article',
      'list_collections',
    ]);
    // get_article pages long texts; the definitions say so.
    expect(tools[1].function.parameters.properties).toHaveProperty('maxChars');
    const params = tools[0].function.parameters;
    expect(params.required).toEqual(['query']);
    expect(params.properties.query.description).toMatch(/question/);
    expect(params.properties.k).toMatchObject({ minimum: 1, maximum: 50 });
  });
  // The OpenAPI walk and the key/Host walk over every route live in route-walk.test.ts.
});

describe('real server: MCP over Streamable HTTP and stdio, concurrency', () => {
  const tmp = tempDir();
  let server: RunningServer;

  beforeAll(async () => {
    const engine = await createSearchEngine({ indexDir: tmp.dir, logLevel: 'silent' });
    await engine.ingestPaths([SEEDS]);
    await engine.close();
    server = await startHttpServer(
      { indexDir: tmp.dir, port: 0, apiKey: KEY, logLevel: 'silent' },
      { handleSignals: false, log: () => {} },
    );
  });
  afterAll(async () => {
    await server.close();
    tmp.cleanup();
  });

  const checkKurilAnswer = (result: Awaited<ReturnType<Client['callTool']>>) => {
    expect(result.isError).toBeFalsy();
    const structured = result.structuredContent as { hits: Array<{ text: string }> };
    expect(KURIL.some((s) => structured.hits[0]?.text.includes(s))).toBe(true);
    const text = (result.content as Array<{ type: string; text: string }>)[0]?.text ?? '';
    expect(KURIL.some((s) => text.includes(s))).toBe(true);
  };

  it('the MCP SDK client lists the tools and searches over Streamable HTTP', async () => {
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`)));
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'find_statements',
      'get_article',
      'list_collections',
      'list_speakers',
      'search_articles',
    ]);
    expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
    checkKurilAnswer(
      await client.callTool({
        name: 'search_articles',
        arguments: { query: 'what did Abe say about the Kurils', k: 3 },
      }),
    );
    const article = await client.callTool({ name: 'get_article', arguments: { id: '000_49243b7414c43ba9' } });
    expect((article.structuredContent as { place: string }).place).toBe('TOKYO');
    const missing = await client.callTool({ name: 'get_article', arguments: { id: 'nope' } });
    expect(missing.isError).toBe(true);
    await client.close();
  });

  it('/mcp refuses a foreign Host or Origin (DNS rebinding)', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    const headers = { ...json, accept: 'application/json, text/event-stream' };
    const evil = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { ...headers, origin: 'http://evil.example' },
      body,
    });
    expect(evil.status).toBe(403);
  });

  it('the MCP SDK client searches over stdio (semsearch mcp)', async () => {
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [CLI, 'mcp', '--index', tmp.dir],
        stderr: 'ignore',
      }),
    );
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'find_statements',
      'get_article',
      'list_collections',
      'list_speakers',
      'search_articles',
    ]);
    checkKurilAnswer(
      await client.callTool({
        name: 'search_articles',
        arguments: { query: 'what did Abe say about the Kurils', k: 3 },
      }),
    );
    await client.close();
  });

  it('concurrent searches during a POST ingest all succeed', async () => {
    const records = readFileSync(join(FIXTURES, 'scifact-300.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .slice(0, 60)
      .map((l) => JSON.parse(l));
    const ingest = fetch(`${server.url}/v1/articles`, {
      method: 'POST',
      headers: { ...json, ...auth },
      body: JSON.stringify({
        articles: records.map((r) => ({ id: `sf-${r.id}`, title: r.title, text: r.text })),
      }),
    });
    const searches = Array.from({ length: 24 }, (_, i) =>
      fetch(
        `${server.url}/v1/search?q=${encodeURIComponent(i % 2 ? 'Kuril islands' : 'cerebral white matter')}&k=5`,
      ),
    );
    const responses = await Promise.all(searches);
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));
    const ingested = await ingest;
    expect(ingested.status).toBe(200);
    expect((await read(ingested)).articlesNew).toBe(60);
    const after = await read(fetch(`${server.url}/v1/search?q=${encodeURIComponent(records[0].title)}&k=1`));
    expect(after.hits[0].articleId).toBe(`sf-${records[0].id}`);
  });
});

describe('Host and Origin checks', () => {
  it('accept loopback names on any port and refuse other names', async () => {
    const { allowedHostNames, hostAndOriginAllowed } = await import('../../src/serve/http/security.js');
    const allowed = allowedHostNames('127.0.0.1');
    expect(hostAndOriginAllowed('127.0.0.1:8787', undefined, allowed)).toBe(true);
    expect(hostAndOriginAllowed('localhost:1234', 'http://localhost:1234', allowed)).toBe(true);
    expect(hostAndOriginAllowed('[::1]:8787', undefined, allowed)).toBe(true);
    expect(hostAndOriginAllowed('evil.example:8787', undefined, allowed)).toBe(false);
    expect(hostAndOriginAllowed('127.0.0.1:8787', 'http://evil.example', allowed)).toBe(false);
    expect(hostAndOriginAllowed(undefined, undefined, allowed)).toBe(false);
    expect(hostAndOriginAllowed('127.0.0.1:8787', 'http://app.example', allowed, ['*'])).toBe(true);
  });

  it('loopback means an IP literal in 127/8 or ::1, or localhost; not a name that starts with 127.', async () => {
    const { isLoopbackHost } = await import('../../src/serve/http/security.js');
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['127.evil.example', '0.0.0.0', '::', '10.0.0.1', 'example.com', '128.0.0.1'])
      expect(isLoopbackHost(h), h).toBe(false);
  });
});

describe('graceful shutdown', () => {
  it('SIGTERM lets an in-flight ingest finish and commit, then the server exits cleanly', async () => {
    const { spawn } = await import('node:child_process');
    const tmp = tempDir();
    try {
      const engine = await createSearchEngine({ indexDir: tmp.dir, logLevel: 'silent' });
      await engine.ingestPaths([SEEDS]);
      await engine.close();
      const child = spawn(process.execPath, [CLI, 'serve', '--index', tmp.dir, '--port', '0'], {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, SEMSEARCH_API_KEY: KEY, SEMSEARCH_LOG_LEVEL: 'debug' },
      });
      let log = '';
      const started = (pattern: RegExp) =>
        new Promise<RegExpExecArray>((resolve, reject) => {
          const check = () => {
            const m = pattern.exec(log);
            if (m) resolve(m);
          };
          child.stderr.on('data', (d: Buffer) => {
            log += d.toString();
            check();
          });
          child.once('exit', () => reject(new Error(log)));
          check();
        });
      const url = (await started(/listening on (http:\/\/\S+)/))[1] as string;
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const records = readFileSync(join(FIXTURES, 'scifact-300.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .slice(0, 40)
        .map((l) => JSON.parse(l));
      const inFlight = fetch(`${url}/v1/articles`, {
        method: 'POST',
        headers: { ...json, ...auth },
        body: JSON.stringify({
          articles: records.map((r) => ({ id: `sf-${r.id}`, title: r.title, text: r.text })),
        }),
      });
      // Embedding 40 abstracts takes seconds: the request is surely in flight when SIGTERM lands.
      await started(/POST \/v1\/articles started/);
      child.kill('SIGTERM');
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect((await read(res)).articlesNew).toBe(40);
      expect(await exited).toBe(0);
      expect(log).toMatch(
        /SIGTERM: finishing in-flight requests[\s\S]*POST \/v1\/articles 200[\s\S]*stopped/,
      );
      await expect(fetch(`${url}/health`)).rejects.toThrow();
      const reopened = await createSearchEngine({ indexDir: tmp.dir, logLevel: 'silent' });
      expect((await reopened.stats()).articles).toBe(42);
      expect(await reopened.integrityCheck()).toBe('ok');
      await reopened.close();
    } finally {
      tmp.cleanup();
    }
  });
});
