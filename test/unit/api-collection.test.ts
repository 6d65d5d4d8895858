/**
 * Articles written through the API are always in a collection: the one their metadata names,
 * else their id's first segment, else "api". A NULL collection was missed by the collections
 * list, the collection filter and removal by collection.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { createSearchEngine, type SearchEngine } from '../../src/index.js';
import { createHttpApp } from '../../src/serve/http/index.js';
import { tempDir } from '../helpers.js';

const KEY = 'collection-key-0123456789';

describe('API articles and collections', () => {
  const tmp = tempDir();
  let engine: SearchEngine;
  let app: ReturnType<typeof createHttpApp>;
  beforeAll(async () => {
    const indexDir = join(tmp.dir, 'index');
    engine = await createSearchEngine({ indexDir, embedder: createFakeEmbedder(), logLevel: 'silent' });
    app = createHttpApp({ engine, config: resolveConfig({ indexDir, apiKey: KEY }) });
  });
  afterAll(async () => {
    await engine?.close();
    tmp.cleanup();
  });

  it('puts each article in a collection, lists it and filters by it', async () => {
    const res = await app.request('/v1/articles', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: JSON.stringify({
        articles: [
          { id: 'local/flood-warning', title: 'Flood', text: 'The river rose over the harbour wall.' },
          { id: 'plain', title: 'Plain', text: 'The harbour froze over in the night.' },
          {
            id: 'x/named',
            title: 'Named',
            text: 'Ferries stayed in the harbour.',
            metadata: { collection: 'wire' },
          },
        ],
      }),
    });
    expect(res.status).toBe(200);
    const { collections } = (await (await app.request('/v1/collections')).json()) as {
      collections: Array<{ name: string; articles: number }>;
    };
    expect(collections.map((c) => c.name).sort()).toEqual(['api', 'local', 'wire']);
    expect((await engine.getArticle('plain'))?.collection).toBe('api');
    const hits = (await (await app.request('/v1/search?q=harbour&collection=local')).json()) as {
      hits: Array<{ articleId: string }>;
    };
    expect(hits.hits.map((h) => h.articleId)).toEqual(['local/flood-warning']);
  });
});
