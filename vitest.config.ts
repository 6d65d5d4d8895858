import { configDefaults, defineConfig } from 'vitest/config';

/** The suites that need the Elasticsearch test cluster (scripts/es-cluster.sh start). */
const ELASTICSEARCH = ['test/integration/elasticsearch-*.test.ts'];
/** A hang guard, not a speed check: far above what any test takes on a loaded 2-core machine. */
const HANG_GUARD_MS = 30 * 60_000;
/** SEMSEARCH_TEST_REPORT=path also writes vitest's JSON report there (.ci/run reads it). */
const report = process.env.SEMSEARCH_TEST_REPORT;

export default defineConfig({
  test: {
    testTimeout: HANG_GUARD_MS,
    hookTimeout: HANG_GUARD_MS,
    // The real model runs in most integration suites; two cores cannot run many of them at once.
    maxWorkers: 2,
    minWorkers: 1,
    ...(report ? { reporters: ['default', 'json'], outputFile: { json: report } } : {}),
    projects: [
      {
        extends: true,
        test: {
          // No model, servers, browsers, cluster or child processes: real SQLite and HNSW in a
          // temp folder, the fake embedder. test/unit-guard.ts refuses the rest.
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          setupFiles: ['test/unit-guard.ts'],
        },
      },
      {
        extends: true,
        test: {
          // The real model, the built CLI, HTTP and MCP servers, Chromium, child processes.
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...ELASTICSEARCH],
          globalSetup: ['test/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          // Skipped, saying why, without a cluster on 127.0.0.1:9201; a failure under CI=true.
          name: 'elasticsearch',
          include: ELASTICSEARCH,
          // One file at a time, after the other projects: the fault drills stop and restart
          // nodes of the cluster that the other suites search.
          sequence: { groupOrder: 1 },
          poolOptions: { forks: { singleFork: true }, threads: { singleThread: true } },
        },
      },
    ],
  },
});
