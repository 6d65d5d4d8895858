import { describe, expect, it } from 'vitest';
import { createFakeEmbedder, type Embedder } from '../../src/embed/index.js';
import { withQueryCache } from '../../src/engine/query-cache.js';

/** The fake, counting the queries that reach it. */
function counting(): { embedder: Embedder; asked: string[] } {
  const fake = createFakeEmbedder();
  const asked: string[] = [];
  return {
    asked,
    embedder: {
      ...fake,
      info: fake.info,
      embedQuery: (text: string) => {
        asked.push(text);
        return fake.embedQuery(text);
      },
    },
  };
}

describe('query embedding cache', () => {
  it('answers a question asked again without the model, with the same vector', async () => {
    const { embedder, asked } = counting();
    const cached = withQueryCache(embedder, 4);
    const first = await cached.embedQuery('what did Abe say about the Kurils');
    const again = await cached.embedQuery('what did Abe say about the Kurils');
    expect(asked).toEqual(['what did Abe say about the Kurils']);
    expect(Array.from(again)).toEqual(Array.from(first));
    expect(cached.queryCacheStats()).toEqual({ hits: 1, misses: 1, size: 1 });
  });

  it('hands out copies: changing a returned vector does not change the next answer', async () => {
    const cached = withQueryCache(counting().embedder, 4);
    const first = await cached.embedQuery('Kuril islands');
    const expected = Array.from(first);
    first.fill(0);
    const again = await cached.embedQuery('Kuril islands');
    again.fill(1);
    expect(Array.from(await cached.embedQuery('Kuril islands'))).toEqual(expected);
  });

  it('drops the least recently used question when full', async () => {
    const { embedder, asked } = counting();
    const cached = withQueryCache(embedder, 2);
    await cached.embedQuery('a');
    await cached.embedQuery('b');
    await cached.embedQuery('a'); // a is now the most recent
    await cached.embedQuery('c'); // evicts b
    await cached.embedQuery('a');
    await cached.embedQuery('b');
    expect(asked).toEqual(['a', 'b', 'c', 'b']);
    expect(cached.queryCacheStats().size).toBe(2);
  });

  it('is off at capacity 0: every question reaches the model', async () => {
    const { embedder, asked } = counting();
    const cached = withQueryCache(embedder, 0);
    await cached.embedQuery('a');
    await cached.embedQuery('a');
    expect(asked).toEqual(['a', 'a']);
    expect(cached.queryCacheStats().size).toBe(0);
  });

  it('keys on the exact text: different spacing or case is another question', async () => {
    const { embedder, asked } = counting();
    const cached = withQueryCache(embedder, 8);
    await cached.embedQuery('Kurils');
    await cached.embedQuery('kurils');
    expect(asked).toEqual(['Kurils', 'kurils']);
  });
});

describe('query embedding cache, concurrent questions', () => {
  it('embeds a question once when it is asked again while the first is still being embedded', async () => {
    const { embedder, asked } = counting();
    const cached = withQueryCache(embedder, 4);
    const [a, b] = await Promise.all([
      cached.embedQuery('Kuril islands'),
      cached.embedQuery('Kuril islands'),
    ]);
    expect(asked).toEqual(['Kuril islands']);
    expect(Array.from(b)).toEqual(Array.from(a));
    a.fill(0);
    expect(Array.from(b)).not.toEqual(Array.from(a));
  });

  it('does not keep a failed embedding: the next asking tries the model again', async () => {
    const fake = createFakeEmbedder();
    let fail = true;
    const cached = withQueryCache(
      {
        ...fake,
        info: fake.info,
        embedQuery: async (text: string) => {
          if (fail) throw new Error('model unavailable');
          return fake.embedQuery(text);
        },
      },
      4,
    );
    await expect(cached.embedQuery('Kurils')).rejects.toThrow('model unavailable');
    fail = false;
    await expect(cached.embedQuery('Kurils')).resolves.toBeInstanceOf(Float32Array);
    expect(cached.queryCacheStats().size).toBe(1);
  });
});
