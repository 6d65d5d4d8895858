/**
 * The engine/store suite (test/engine-suite.ts) on the Elasticsearch backend: the test cluster
 * of scripts/es-cluster.sh (reported as not run, with the reason, when it is not up).
 */
import { openElasticsearchBackend } from '../../src/backends/elasticsearch/index.js';
import { engineSuite } from '../engine-suite.js';
import { ES_MISSING, ES_TEST_URLS, esNamespace } from '../es-helpers.js';

engineSuite([
  {
    name: `Elasticsearch (3 shards, 1 replica)${ES_MISSING ? ` — not run: ${ES_MISSING}` : ''}`,
    vectors: 'elasticsearch',
    missing: ES_MISSING,
    place: () => {
      const namespace = esNamespace();
      return {
        parts: () => openElasticsearchBackend({ url: ES_TEST_URLS, namespace }),
        drop: async () => {
          const backend = await openElasticsearchBackend({ url: ES_TEST_URLS, namespace });
          await backend.store.drop();
          await backend.store.close();
        },
      };
    },
  },
]);
