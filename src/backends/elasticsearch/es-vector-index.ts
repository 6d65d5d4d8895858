/**
 * The VectorIndex on Elasticsearch: approximate kNN over the passages' dense_vector field with
 * the filters inside the kNN search (so a narrow filter still yields k hits). Vectors live in
 * the passage documents, so writes need no separate step here.
 */

import type { SearchFilters, StoreChange } from '../chunk-store.js';
import type { VectorHit, VectorIndex } from '../vector-index.js';
import { type Client, isNotFound, retrySearch, toSearchError } from './client.js';
import { filterClauses } from './filters.js';
import type { IndexNames } from './mappings.js';

/**
 * Candidates each shard examines per requested neighbour (num_candidates = 2 k, at least k).
 * Measured (docs/benchmarks/elasticsearch.md): with 2 k the dense ranking matches the embedded HNSW's on time-dev
 * (nDCG@10, MRR@10 and Recall@100 equal to four places). `npm run bench -- --only knn
 * --backend elasticsearch` sweeps the factor against exact search on SciFact.
 */
export const KNN_CANDIDATES_PER_K = 2;
/** Elasticsearch's ceiling for num_candidates. */
const KNN_CANDIDATES_MAX = 10_000;

export function numCandidates(k: number, perK = KNN_CANDIDATES_PER_K): number {
  return Math.min(KNN_CANDIDATES_MAX, Math.max(k, Math.ceil(k * perK)));
}

export function createElasticsearchVectorIndex(
  client: Client,
  url: string,
  names: IndexNames,
  refresh: () => Promise<void>,
  candidatesPerK = KNN_CANDIDATES_PER_K,
): VectorIndex {
  return {
    async search(vector: Float32Array, k: number, filters?: SearchFilters): Promise<VectorHit[]> {
      // A zero vector has no direction: cosine is undefined and Elasticsearch refuses it.
      if (k <= 0 || !vector.some((x) => x !== 0)) return [];
      const size = Math.min(k, KNN_CANDIDATES_MAX);
      try {
        const res = await retrySearch(() =>
          client.search({
            index: names.passages,
            allow_partial_search_results: false,
            track_total_hits: false,
            size,
            _source: false,
            knn: {
              field: 'embedding',
              query_vector: Array.from(vector),
              k: size,
              num_candidates: numCandidates(size, candidatesPerK),
              filter: filterClauses(filters),
            },
          }),
        );
        // For cosine, Elasticsearch scores (1 + cos) / 2.
        return res.hits.hits.map((h) => ({ id: Number(h._id), similarity: 2 * (h._score ?? 0) - 1 }));
      } catch (error) {
        if (isNotFound(error)) return [];
        throw toSearchError(error, url, 'searching (kNN)');
      }
    },
    /** Nothing to apply: the vectors were written with their passages. */
    async applyWrite(_change: StoreChange): Promise<void> {},
    /** The writer is done: make its passages visible to searches now. */
    flush: refresh,
    async sizeBytes(): Promise<number> {
      return 0;
    },
    async close(): Promise<void> {},
  };
}
