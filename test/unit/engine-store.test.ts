/**
 * The engine/store suite (test/engine-suite.ts) on the real SQLite store, with the HNSW vector
 * index and again with exact search as the vector index. The Elasticsearch backend runs the
 * same suite in test/integration/elasticsearch-engine.test.ts; the write lock's cases, which
 * need a second process, are in test/integration/write-lock.test.ts.
 */
import { openEmbeddedBackend } from '../../src/backends/embedded/index.js';
import { engineSuite, type SuiteBackend } from '../engine-suite.js';

const embedded = (vectors: 'hnsw' | 'exact'): SuiteBackend => ({
  name: `SQLite + ${vectors} vectors`,
  vectors,
  place: (dir) => ({
    parts: async (log) => openEmbeddedBackend({ dir, vectors, log, debug: log }),
    drop: async () => undefined,
  }),
});

engineSuite([embedded('hnsw'), embedded('exact')]);
