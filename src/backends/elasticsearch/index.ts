/**
 * The Elasticsearch backend: a ChunkStore, a VectorIndex and IndexMaintenance over one
 * cluster namespace. The only folder that talks to Elasticsearch.
 *
 * @example
 * const backend = await openElasticsearchBackend({ url: 'http://127.0.0.1:9201' });
 * const engine = await createSearchEngine({ ...backend, embedder });
 */
import { SearchError } from '../../errors.js';
import { serialQueue } from '../../serial.js';
import type { IndexMaintenance } from '../chunk-store.js';
import type { VectorIndex } from '../vector-index.js';
import { createEsClient, ES_PROBE_TIMEOUT_MS, toSearchError } from './client.js';
import { createElasticsearchStore, type ElasticsearchStore } from './es-store.js';
import { createElasticsearchVectorIndex } from './es-vector-index.js';
import { indexNames } from './mappings.js';

export type { ElasticsearchStore } from './es-store.js';
export { KNN_CANDIDATES_PER_K, numCandidates } from './es-vector-index.js';
export { ES_REPLICAS, ES_SHARDS, indexNames } from './mappings.js';

/** @default namespace "semsearch" */
export const DEFAULT_ES_NAMESPACE = 'semsearch';

export interface ElasticsearchBackendOptions {
  /** One or more node URLs, comma-separated. */
  url: string;
  /** Prefix of the three indices. @default "semsearch" */
  namespace?: string;
  /** kNN candidates per requested neighbour (benchmarks sweep it). @default KNN_CANDIDATES_PER_K */
  knnCandidatesPerK?: number;
}

export interface ElasticsearchBackend {
  store: ElasticsearchStore;
  vectorIndex: VectorIndex;
  maintenance: IndexMaintenance;
}

/** Connect, check the cluster is not red, and return the three parts the engine takes. */
export async function openElasticsearchBackend(
  options: ElasticsearchBackendOptions,
): Promise<ElasticsearchBackend> {
  const url = options.url;
  const names = indexNames(options.namespace ?? DEFAULT_ES_NAMESPACE);
  const client = createEsClient(url);
  try {
    const health = await client.cluster.health(
      { timeout: '2s' },
      { requestTimeout: ES_PROBE_TIMEOUT_MS, maxRetries: 0 },
    );
    if (health.status === 'red') {
      throw new SearchError(
        'BACKEND_UNAVAILABLE',
        `The Elasticsearch cluster at ${url} is red (${health.unassigned_primary_shards ?? '?'} primary shards unassigned); start its missing nodes (scripts/es-cluster.sh status) and try again.`,
      );
    }
  } catch (error) {
    await client.close();
    throw toSearchError(error, url, 'connecting');
  }
  const store = createElasticsearchStore(client, url, names);
  const vectorIndex = createElasticsearchVectorIndex(
    client,
    url,
    names,
    store.refresh,
    options.knnCandidatesPerK,
  );

  // One writer per process. Two processes writing one namespace at once stay consistent per
  // article (ids come from a compare-and-set counter), they only race on which copy wins.
  const oneWriter = serialQueue();
  const maintenance: IndexMaintenance = {
    location: `${url} (indices ${names.passages}, ${names.articles})`,
    withWriteLock: (fn) => oneWriter(fn),
    async integrityCheck() {
      try {
        const health = await client.cluster.health({
          index: [names.passages, names.articles],
          timeout: '2s',
        });
        const stats = await store.stats();
        const claimed = await client.search({
          index: names.articles,
          size: 0,
          aggs: { passages: { sum: { field: 'passage_count' } } },
        });
        const sum = (claimed.aggregations?.passages as { value?: number } | undefined)?.value ?? 0;
        const problems: string[] = [];
        if (health.status !== 'green')
          problems.push(`cluster health is ${health.status} (${health.unassigned_shards} shards unassigned)`);
        if (sum !== stats.passages)
          problems.push(`articles name ${sum} passages, the passage index holds ${stats.passages}`);
        return problems.length === 0 ? 'ok' : problems.join('; ');
      } catch (error) {
        throw toSearchError(error, url, 'checking the indices');
      }
    },
  };
  return { store, vectorIndex, maintenance };
}
