/**
 * Whether the test cluster (scripts/es-cluster.sh start) answers on 127.0.0.1:9201. Suites
 * over the Elasticsearch backend run only then; elsewhere they are reported as skipped, with
 * the reason in their name. Under CI=true a missing cluster is a failure, not a skip.
 */
import { randomBytes } from 'node:crypto';

export const ES_TEST_URL = process.env.SEMSEARCH_TEST_ES_URL ?? 'http://127.0.0.1:9201';
/** Every node: the client fails over between them when one is stopped. */
export const ES_TEST_URLS =
  process.env.SEMSEARCH_TEST_ES_URLS ?? 'http://127.0.0.1:9201,http://127.0.0.1:9202,http://127.0.0.1:9203';

async function probe(): Promise<string | undefined> {
  try {
    const res = await fetch(`${ES_TEST_URL}/_cluster/health`, { signal: AbortSignal.timeout(2000) });
    const body = (await res.json()) as { status?: string };
    if (body.status === 'red') return `the cluster at ${ES_TEST_URL} is red`;
    return undefined;
  } catch (error) {
    return `no Elasticsearch at ${ES_TEST_URL} (${(error as Error).message}); start it with scripts/es-cluster.sh start`;
  }
}

/** Undefined when the cluster is up; otherwise why the Elasticsearch cases cannot run. */
export const ES_MISSING: string | undefined = await probe();
/** In CI the cluster is started by .ci/run, so its absence is an error to report. */
export const ES_REQUIRED = process.env.CI === 'true';

/** A fresh namespace per test, so suites never see each other's documents. */
export function esNamespace(): string {
  return `semsearch-test-${randomBytes(4).toString('hex')}`;
}

// The default reporter lists skipped tests only as a count; say which and why once per file.
if (ES_MISSING !== undefined) {
  console.warn(`Elasticsearch backend cases not run: ${ES_MISSING}`);
}
