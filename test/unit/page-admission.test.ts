/** The article page's ?q= runs a search: it is admitted like every other search. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { createSearchEngine, type SearchEngine } from '../../src/index.js';
import { createHttpApp } from '../../src/serve/http/index.js';
import { tempDir } from '../helpers.js';

describe('article page and admission', () => {
  const tmp = tempDir();
  let engine: SearchEngine;
  let app: ReturnType<typeof createHttpApp>;

  beforeAll(async () => {
    const indexDir = join(tmp.dir, 'index');
    engine = await createSearchEngine({ indexDir, embedder: createFakeEmbedder(), logLevel: 'silent' });
    const text = 'The harbour froze over in the night.';
    await engine.ingestArticles([
      {
        id: 'a/1',
        title: 'Harbour',
        text,
        paragraphs: [{ index: 0, start: 0, end: text.length }],
        metadata: {},
      },
    ]);
    // No search slot at all: every admitted request is shed.
    app = createHttpApp({
      engine,
      config: resolveConfig({ indexDir }),
      admission: { concurrent: 0, queue: 0 },
    });
  });
  afterAll(async () => {
    await engine?.close();
    tmp.cleanup();
  });

  it('sheds the article page with ?q= when no search may run; without q it answers', async () => {
    const html = { accept: 'text/html' };
    expect((await app.request('/articles/a/1', { headers: html })).status).toBe(200);
    expect((await app.request('/articles/a/1?q=%20', { headers: html })).status).toBe(200);
    const searched = await app.request('/articles/a/1?q=harbour', { headers: html });
    expect(searched.status).toBe(503);
    expect(searched.headers.get('retry-after')).toBe('1');
  });
});
