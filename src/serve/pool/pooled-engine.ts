/**
 * The server's engine: searches and result pages go to a pool of worker threads
 * (search-pool.ts); everything else (writes, articles, stats) stays on the engine the server
 * opened.
 */
import type { ResolvedConfig } from '../../config.js';
import type { SearchEngine } from '../../index.js';
import { createSearchPool } from './search-pool.js';

export async function withSearchPool(
  engine: SearchEngine,
  config: ResolvedConfig,
  log: (line: string) => void,
): Promise<SearchEngine> {
  // Elasticsearch does a search's heavy part on the cluster; a pool there would only copy.
  if (config.searchWorkers === 0 || config.backend !== 'embedded') return engine;
  const pool = await createSearchPool({
    config,
    size: config.searchWorkers,
    fallback: { search: engine.search, results: engine.results },
    log,
  });
  // The server's own model loads first: it converts the default model into the cache on a
  // first run, and the workers' models must not write the same files at the same time. Its
  // BM25 stays on disk: the workers search, each with its own in-memory index.
  const modelReady = () => engine.warmUp({ lexical: false }).catch(() => undefined);
  const pooled: SearchEngine = {
    ...engine,
    async search(request) {
      await modelReady();
      return pool.search(request);
    },
    async results(request) {
      await modelReady();
      return pool.results(request);
    },
    async warmUp() {
      await engine.warmUp({ lexical: false });
      await pool.warmUp();
    },
    // Ready once a worker has answered (the warm-up or any search since), so a failed warm-up
    // is not final.
    isReady: () => engine.isReady() && (pool.warm || pool.size === 0),
    async close() {
      await pool.close();
      await engine.close();
    },
  };
  return pooled;
}
