/**
 * A least-recently-used cache of query embeddings in front of an embedder. A question asked
 * again (a page turned, a filter changed, the same question from another client) skips the
 * model, which is most of a warm search's time. Keyed by the exact text given to the model;
 * one cache per embedder, so per model. Callers get a copy: the cached vector never changes.
 */
import type { Embedder } from '../embed/index.js';
import { Lru } from '../lru.js';

export interface QueryCacheStats {
  hits: number;
  misses: number;
  size: number;
}

export type CachingEmbedder = Embedder & { queryCacheStats(): QueryCacheStats };

export function withQueryCache(inner: Embedder, capacity: number): CachingEmbedder {
  const cache = new Lru<string, Float32Array>(capacity);
  // Questions being embedded now: the same question asked again meanwhile waits for that one.
  const inFlight = new Map<string, Promise<Float32Array>>();
  let hits = 0;
  let misses = 0;
  return {
    get info() {
      return inner.info;
    },
    countTokens: (text) => inner.countTokens(text),
    tokenIds: inner.tokenIds?.bind(inner),
    embedPassages: (texts, tokenIds) => inner.embedPassages(texts, tokenIds),
    async embedQuery(text) {
      if (capacity <= 0) return inner.embedQuery(text);
      const cached = cache.get(text);
      if (cached) {
        hits++;
        return new Float32Array(cached);
      }
      const running = inFlight.get(text);
      if (running) {
        hits++;
        return new Float32Array(await running);
      }
      misses++;
      const embedding = inner.embedQuery(text).then((vector) => {
        return cache.set(text, new Float32Array(vector));
      });
      inFlight.set(text, embedding);
      try {
        return new Float32Array(await embedding);
      } finally {
        inFlight.delete(text);
      }
    },
    queryCacheStats: () => ({ hits, misses, size: cache.size }),
    dispose: () => {
      cache.clear();
      return inner.dispose();
    },
  };
}
