/**
 * Whether the test cluster (scripts/es-cluster.sh start) answers on 127.0.0.1:9201. Suites
 * over the Elasticsearch backend run only then; elsewhere they are reported as skipped, with
 * the reason in their name. Under CI=true a missing cluster is a failure, not a skip.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PATIENCE_MS, ROOT } from './helpers.js';

export const ES_TEST_URL = process.env.SEMSEARCH_TEST_ES_URL ?? 'http://127.0.0.1:9201';
/** Every node: the client fails over between them when one is stopped. */
export const ES_TEST_URLS =
  process.env.SEMSEARCH_TEST_ES_URLS ?? 'http://127.0.0.1:9201,http://127.0.0.1:9202,http://127.0.0.1:9203';

async function probe(): Promise<string | undefined> {
  try {
    const res = await fetch(`${ES_TEST_URL}/_cluster/health`, { signal: AbortSignal.timeout(30_000) });
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

/**
 * Undefined when every node of the test cluster was started by this checkout's
 * scripts/es-cluster.sh; otherwise why drills that stop and start nodes through that script
 * cannot run here (a cluster started from another clone answers on the same ports, and this
 * checkout's script cannot stop its nodes).
 */
export async function clusterNotOurs(): Promise<string | undefined> {
  const { stdout } = await promisify(execFile)('bash', [join(ROOT, 'scripts', 'es-cluster.sh'), 'status'], {
    timeout: PATIENCE_MS,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  const stopped = stdout.split('\n').filter((line) => /^node-\d+ stopped/.test(line));
  if (stopped.length === 0 && /node-\d+ running/.test(stdout)) return undefined;
  return `the cluster at ${ES_TEST_URL} was not started by this checkout (scripts/es-cluster.sh status: ${stopped.map((l) => l.trim()).join(', ') || 'no nodes'}); node-failure drills stop and start nodes through this checkout's script`;
}
