/** Exact (brute-force) cosine search: the ground truth HNSW is measured against. */
import type { VectorHit } from '../vector-index.js';
import { type AnnIndex, checkDimension } from './ann-index.js';

export function createExactIndex(dimension: number): AnnIndex {
  const vectors = new Map<number, Float32Array>();
  return {
    dimension,
    size: () => vectors.size,
    has: (id) => vectors.has(id),
    ids: () => [...vectors.keys()],
    add(id, vector) {
      checkDimension(dimension, vector, 'vector');
      vectors.set(id, vector);
    },
    remove(id) {
      vectors.delete(id);
    },
    search(query, k, allowed) {
      checkDimension(dimension, query, 'query vector');
      const hits: VectorHit[] = [];
      for (const [id, v] of vectors) {
        if (allowed && !allowed.has(id)) continue;
        let dot = 0;
        for (let i = 0; i < dimension; i++) dot += (v[i] as number) * (query[i] as number);
        hits.push({ id, similarity: dot });
      }
      return hits.sort((a, b) => b.similarity - a.similarity || a.id - b.id).slice(0, k);
    },
  };
}
