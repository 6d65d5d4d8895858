/**
 * Request bodies are read before a search slot is taken, within a time limit (slow senders get
 * 408 and hold no slot), and JSON nested past what any request needs is refused before it is
 * parsed. Through app.request() with the fake embedder.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { createSearchEngine, type SearchEngine } from '../../src/index.js';
import { jsonNestedDeeperThan } from '../../src/serve/http/body-read.js';
import { createHttpApp } from '../../src/serve/http/index.js';
import { tempDir } from '../helpers.js';

const json = { 'content-type': 'application/json' };

/** A body that sends its first bytes and then nothing, until `end()` is called. */
function trickle(first: string) {
  let close: (() => void) | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first));
      close = () => {
        try {
          controller.close();
        } catch {}
      };
    },
  });
  return { body, end: () => close?.() };
}

describe('request bodies', () => {
  const tmp = tempDir();
  let engine: SearchEngine;
  let app: ReturnType<typeof createHttpApp>;

  beforeAll(async () => {
    engine = await createSearchEngine({
      indexDir: join(tmp.dir, 'index'),
      embedder: createFakeEmbedder(),
      logLevel: 'silent',
    });
    await engine.ingestArticles([
      {
        id: 'a/1',
        title: 'Harbour',
        text: 'The harbour board met on Tuesday about the quay.',
        paragraphs: [{ index: 0, start: 0, end: 48 }],
        metadata: {},
      },
    ]);
    app = createHttpApp({
      engine,
      config: resolveConfig({ indexDir: join(tmp.dir, 'index') }),
      admission: { concurrent: 1, queue: 0 },
      body: { timeoutMs: 400 },
    });
  });
  afterAll(async () => {
    await engine?.close();
    tmp.cleanup();
  });

  it('slow bodies hold no search slot and are answered 408 when their time is up', async () => {
    const slow = [1, 2, 3].map(() => trickle('{"query":"harb'));
    const pending = slow.map((s) =>
      app.request('/v1/search', {
        method: 'POST',
        headers: json,
        body: s.body,
        duplex: 'half',
      } as RequestInit),
    );
    await new Promise((r) => setTimeout(r, 50));
    // One slot and no line: a slow body holding the slot would make this a 503.
    const search = await app.request('/v1/search', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ query: 'harbour' }),
    });
    expect(search.status).toBe(200);
    const mcp = await app.request('/mcp', {
      method: 'POST',
      headers: { ...json, accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(mcp.status).toBe(200);
    for (const res of await Promise.all(pending)) {
      expect(res.status).toBe(408);
      expect(res.headers.get('connection')).toBe('close');
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('REQUEST_TIMEOUT');
    }
    for (const s of slow) s.end();
  });

  it('refuses JSON nested deeper than any request needs, before parsing it', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const parse = vi.spyOn(JSON, 'parse');
    try {
      for (const path of ['/v1/search', '/mcp']) {
        const res = await app.request(path, {
          method: 'POST',
          headers: { ...json, accept: 'application/json, text/event-stream' },
          body: `{"query":${deep}}`,
        });
        expect(res.status).toBe(400);
        expect(await res.text()).toContain('nests deeper than 64 levels');
      }
      expect(parse.mock.calls.filter(([text]) => String(text).length > 100_000)).toEqual([]);
    } finally {
      parse.mockRestore();
    }
    // Depth within the limit, brackets inside strings and escaped quotes are not nesting.
    const ok = await app.request('/v1/search', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ query: `harbour ${'[{'.repeat(200)} \\" ]`, filters: { metadata: { k: 'v' } } }),
    });
    expect(ok.status).toBe(200);
  });

  it('scans nesting in one pass over the bytes', () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    expect(jsonNestedDeeperThan(bytes('{"a":[1,{"b":[]}]}'), 4)).toBe(false);
    expect(jsonNestedDeeperThan(bytes('{"a":[1,{"b":[]}]}'), 3)).toBe(true);
    expect(jsonNestedDeeperThan(bytes('{"a":"[[[[\\"[[["}'), 1)).toBe(false);
    expect(jsonNestedDeeperThan(bytes('[[],[],[],[]]'), 2)).toBe(false);
  });
});
