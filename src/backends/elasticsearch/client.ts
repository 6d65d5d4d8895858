/**
 * The Elasticsearch client and the translation of its failures into SearchErrors. The only
 * module that imports @elastic/elasticsearch at run time.
 */
import type * as Es from '@elastic/elasticsearch';
import type { Client } from '@elastic/elasticsearch';
import { SearchError } from '../../errors.js';
import { lazyRequire } from '../../lazy-require.js';

export type { Client } from '@elastic/elasticsearch';

// Loaded with the first client: the embedded backend (every `ask` by default) never needs it.
const es = lazyRequire<typeof Es>('@elastic/elasticsearch', import.meta.url);

/** Reads and searches give up after this: a dead node must not hang a request. */
export const ES_REQUEST_TIMEOUT_MS = 10_000;
/** Bulk writes may wait for a replica to be promoted (the master takes a few seconds). */
export const ES_BULK_TIMEOUT_MS = 90_000;
/** The first contact: a cluster that does not answer this fast is reported as down. */
export const ES_PROBE_TIMEOUT_MS = 3_000;
/** Retries on another node after a connection failure (each node is one URL). */
const ES_MAX_RETRIES = 3;

/** `urls`: one or more node URLs, comma-separated; the client fails over between them. */
export function createEsClient(urls: string): Client {
  const nodes = splitUrls(urls);
  return new (es().Client)({
    nodes,
    requestTimeout: ES_REQUEST_TIMEOUT_MS,
    maxRetries: ES_MAX_RETRIES,
    // A node that refused a connection is retried after this long, not on every request.
    resurrectStrategy: 'ping',
    compression: false,
  });
}

export function splitUrls(urls: string): string[] {
  const nodes = urls
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u.length > 0);
  if (nodes.length === 0) {
    throw new SearchError('BAD_CONFIG', 'esUrl is empty; give a node URL such as http://127.0.0.1:9201.');
  }
  for (const node of nodes) {
    try {
      new URL(node);
    } catch (cause) {
      throw new SearchError('BAD_CONFIG', `esUrl "${node}" is not a URL; give e.g. http://127.0.0.1:9201.`, {
        cause,
      });
    }
  }
  return nodes;
}

/**
 * A missing index or document: an expected miss. Other 404s (a shard copy that is closing on a
 * node going down) are failures, never an empty answer.
 */
export function isNotFound(error: unknown): boolean {
  if (!(error instanceof es().errors.ResponseError) || error.statusCode !== 404) return false;
  const body = error.body as { found?: boolean; error?: { type?: string } } | undefined;
  return body?.found === false || body?.error?.type === 'index_not_found_exception';
}

/** `fn`, or `fallback` when its index does not exist yet (nothing ingested). */
export async function orEmpty<T>(fn: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isNotFound(error)) return fallback;
    throw error;
  }
}

/** Search retries after a shard-level failure (a node leaving): the next try uses another copy. */
const SEARCH_RETRIES = 2;
const SEARCH_RETRY_DELAY_MS = 250;

function isTransient(error: unknown): boolean {
  if (!(error instanceof es().errors.ResponseError) || isNotFound(error)) return false;
  const status = error.statusCode ?? 0;
  return status === 404 || status === 429 || status >= 500;
}

/** Run a search, trying again on a transient shard failure while replicas take over. */
export async function retrySearch<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= SEARCH_RETRIES || !isTransient(error)) throw error;
      await new Promise((r) => setTimeout(r, SEARCH_RETRY_DELAY_MS * (attempt + 1)));
    }
  }
}

export function isVersionConflict(error: unknown): boolean {
  return error instanceof es().errors.ResponseError && error.statusCode === 409;
}

/**
 * Connection failures, time-outs and 5xx answers (a red cluster, no shard copy available)
 * become BACKEND_UNAVAILABLE (HTTP 503) naming the cluster and what to do; anything else is
 * passed through unchanged, since it is a bug rather than an outage.
 */
export function toSearchError(error: unknown, url: string, doing: string): unknown {
  if (error instanceof SearchError) return error;
  const hint = `Start it with scripts/es-cluster.sh start, or point --es-url / SEMSEARCH_ES_URL at a running cluster.`;
  if (
    error instanceof es().errors.ConnectionError ||
    error instanceof es().errors.NoLivingConnectionsError ||
    error instanceof es().errors.TimeoutError ||
    error instanceof es().errors.RequestAbortedError
  ) {
    return new SearchError(
      'BACKEND_UNAVAILABLE',
      `Elasticsearch at ${url} did not answer while ${doing} (${error.message}). ${hint}`,
      { cause: error },
    );
  }
  if (error instanceof es().errors.ResponseError && ((error.statusCode ?? 0) >= 500 || isTransient(error))) {
    const reason = describeResponse(error);
    return new SearchError(
      'BACKEND_UNAVAILABLE',
      `Elasticsearch at ${url} could not serve the request while ${doing}: ${reason}. Check the cluster with scripts/es-cluster.sh status (a red cluster has lost every copy of a shard; restart the missing nodes).`,
      { cause: error, details: { status: error.statusCode } },
    );
  }
  if (error instanceof es().errors.ProductNotSupportedError) {
    return new SearchError('BACKEND_UNAVAILABLE', `${url} is not an Elasticsearch cluster. ${hint}`, {
      cause: error,
    });
  }
  return error;
}

function describeResponse(error: Es.errors.ResponseError): string {
  const body = error.body as { error?: { type?: string; reason?: string } } | undefined;
  const type = body?.error?.type;
  const reason = body?.error?.reason;
  if (type || reason) return [type, reason].filter(Boolean).join(': ');
  return `HTTP ${error.statusCode}`;
}

/**
 * An mget whose every document answered: a document that failed (its shard copy was closing)
 * is retried like a failed search, never taken for a missing document.
 */
export async function mgetComplete<T extends { docs: unknown[] }>(fn: () => Promise<T>): Promise<T> {
  return retrySearch(async () => {
    const res = await fn();
    const failed = res.docs.find((d) => typeof d === 'object' && d !== null && 'error' in d) as
      | { error?: { type?: string; reason?: string } }
      | undefined;
    if (failed) {
      throw new (es().errors.ResponseError)({
        body: { error: failed.error },
        statusCode: 503,
        headers: {},
        warnings: null,
        meta: {} as never,
      });
    }
    return res;
  });
}
