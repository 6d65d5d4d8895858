/**
 * A polite HTTP client for feeds and article pages, on Node's built-in fetch: one request at a
 * time per host, conditional requests (ETag / Last-Modified), a timeout, a size limit, a clear
 * User-Agent, a bounded number of redirects, and `Retry-After` on 429/503 honoured for that host.
 * Every hop's address is checked when it connects: no loopback, private or link-local address
 * unless the user's own URL is there (see private-address.ts) or the user allows them all.
 */
import { isIP } from 'node:net';
import type { Agent, Response as UndiciResponse } from 'undici';
import { SearchError } from '../errors.js';
import { type AddressTrust, checkAddress, guardedLookup } from './private-address.js';

export const FEED_USER_AGENT =
  'semsearch/0.1 (local news search; feed reader; +https://github.com/semsearch)';
/** Whole request, headers and body. */
export const HTTP_TIMEOUT_MS = 15_000;
/** Largest body read (feeds and pages). */
export const HTTP_MAX_BYTES = 5 * 1024 * 1024;
export const HTTP_MAX_REDIRECTS = 5;
/** Back-off for a 429/503 without a usable Retry-After. */
export const RETRY_AFTER_DEFAULT_MS = 60_000;
/** A host's Retry-After shorter than this is waited out; longer ones defer to the next poll. */
export const RETRY_AFTER_MAX_WAIT_MS = 60_000;

export interface PoliteClientOptions {
  userAgent?: string;
  /** @default 15000 */
  timeoutMs?: number;
  /** @default 5 MiB */
  maxBytes?: number;
  /** @default 5 */
  maxRedirects?: number;
  /** @default 60000 */
  maxRetryWaitMs?: number;
  /** Let feeds lead to loopback, private and link-local addresses. @default false */
  allowPrivateHosts?: boolean | undefined;
}

export interface FetchOptions {
  etag?: string | undefined;
  lastModified?: string | undefined;
  accept?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Which private addresses this request may reach; none when absent. */
  trust?: AddressTrust | undefined;
}

export interface FetchResult {
  status: number;
  /** The URL after redirects. */
  url: string;
  contentType: string;
  body: Uint8Array;
  etag: string | undefined;
  lastModified: string | undefined;
  notModified: boolean;
}

export interface PoliteClient {
  get(url: string, options?: FetchOptions): Promise<FetchResult>;
}

/** Retry-After in seconds or as an HTTP date → milliseconds from now. */
export function retryAfterMs(value: string | null, now = Date.now()): number {
  if (!value) return RETRY_AFTER_DEFAULT_MS;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? RETRY_AFTER_DEFAULT_MS : Math.max(0, at - now);
}

async function readLimited(response: UndiciResponse, url: string, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  const tooLarge = () =>
    new SearchError('DOCUMENT_TOO_LARGE', `${url} is over the ${maxBytes}-byte limit; it was not read.`, {
      details: { url, limit: maxBytes },
    });
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** fetch's own message is "fetch failed"; the useful part (ECONNREFUSED, ENOTFOUND…) is in its cause. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${cause.message ?? 'network error'} (${cause.code})`;
  return cause?.message ?? (error as Error).message;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * @example
 * const client = createPoliteClient();
 * const first = await client.get('https://example.org/feed.xml');
 * const again = await client.get('https://example.org/feed.xml', { etag: first.etag }); // 304 → notModified
 */
export function createPoliteClient(options: PoliteClientOptions = {}): PoliteClient {
  const userAgent = options.userAgent ?? FEED_USER_AGENT;
  const timeoutMs = options.timeoutMs ?? HTTP_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? HTTP_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? HTTP_MAX_REDIRECTS;
  const maxRetryWaitMs = options.maxRetryWaitMs ?? RETRY_AFTER_MAX_WAIT_MS;
  const allowPrivate = options.allowPrivateHosts === true;
  const queues = new Map<string, Promise<unknown>>();
  const notBefore = new Map<string, number>();

  const once = async (url: string, fetchOptions: FetchOptions): Promise<FetchResult> => {
    const host = new URL(url).host;
    const wait = (notBefore.get(host) ?? 0) - Date.now();
    if (wait > maxRetryWaitMs) {
      throw new SearchError(
        'RATE_LIMITED',
        `${url}: ${host} asked us to wait until ${new Date(Date.now() + wait).toISOString()}; it is tried again on a later poll.`,
        { details: { url, retryAfterMs: wait } },
      );
    }
    if (wait > 0) await sleep(wait, fetchOptions.signal);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = fetchOptions.signal ? AbortSignal.any([timeout, fetchOptions.signal]) : timeout;
    let current = url;
    let hop = 0;
    const check = (address: string) => {
      if (!allowPrivate) checkAddress(current, address, fetchOptions.trust, hop === 0);
    };
    // undici (Node's fetch) with a lookup that checks each address as a connection is made.
    const { Agent, fetch } = await import('undici');
    const dispatcher: Agent = new Agent({ connect: { lookup: guardedLookup(check) } });
    try {
      for (; ; hop++) {
        // An address literal is connected to without a lookup: checked here.
        const literal = new URL(current).hostname.replace(/^\[|\]$/g, '');
        if (isIP(literal)) check(literal);
        const headers: Record<string, string> = {
          'user-agent': userAgent,
          accept: fetchOptions.accept ?? '*/*',
        };
        if (fetchOptions.etag) headers['if-none-match'] = fetchOptions.etag;
        if (fetchOptions.lastModified) headers['if-modified-since'] = fetchOptions.lastModified;
        const response = await fetch(current, { headers, redirect: 'manual', signal, dispatcher });
        const location = response.headers.get('location');
        if (response.status >= 300 && response.status < 400 && response.status !== 304 && location) {
          await response.body?.cancel();
          if (hop >= maxRedirects) {
            throw new SearchError(
              'FETCH_FAILED',
              `${url}: more than ${maxRedirects} redirects; not followed.`,
              {
                details: { url },
              },
            );
          }
          const next = new URL(location, current);
          if (next.protocol !== 'http:' && next.protocol !== 'https:') {
            throw new SearchError('FETCH_FAILED', `${url}: redirect to ${next.protocol} refused.`, {
              details: { url },
            });
          }
          current = next.href;
          continue;
        }
        if (response.status === 429 || response.status === 503) {
          await response.body?.cancel();
          const ms = retryAfterMs(response.headers.get('retry-after'));
          notBefore.set(host, Date.now() + ms);
          throw new SearchError(
            'RATE_LIMITED',
            `${current}: HTTP ${response.status}, retry after ${Math.ceil(ms / 1000)} s; it is tried again then.`,
            { details: { url: current, status: response.status, retryAfterMs: ms } },
          );
        }
        if (response.status >= 400) {
          await response.body?.cancel();
          throw new SearchError('FETCH_FAILED', `${current}: HTTP ${response.status}.`, {
            details: { url: current, status: response.status },
          });
        }
        const result = {
          status: response.status,
          url: current,
          contentType: response.headers.get('content-type') ?? '',
          etag: response.headers.get('etag') ?? undefined,
          lastModified: response.headers.get('last-modified') ?? undefined,
          notModified: response.status === 304,
        };
        const body = result.notModified ? new Uint8Array() : await readLimited(response, current, maxBytes);
        return { ...result, body };
      }
    } catch (error) {
      if (error instanceof SearchError) throw error;
      const cause = (error as { cause?: unknown }).cause;
      if (cause instanceof SearchError) throw cause;
      const timedOut = timeout.aborted;
      throw new SearchError(
        'FETCH_FAILED',
        timedOut
          ? `${current}: no complete answer within ${timeoutMs / 1000} s; it is tried again on a later poll.`
          : `${current}: ${networkReason(error)}; check the address and the network.`,
        { cause: error, details: { url: current, timeout: timedOut } },
      );
    } finally {
      dispatcher.destroy().catch(() => undefined);
    }
  };

  return {
    get(url, fetchOptions = {}) {
      let host: string;
      try {
        const parsed = new URL(url);
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
        host = parsed.host;
      } catch (cause) {
        return Promise.reject(
          new SearchError('BAD_INPUT', `${url} is not an http(s) URL; give a full address.`, { cause }),
        );
      }
      // One request at a time per host: each request waits for the previous one to that host.
      const previous = queues.get(host) ?? Promise.resolve();
      const result = previous.then(
        () => once(url, fetchOptions),
        () => once(url, fetchOptions),
      );
      const settled = result.catch(() => undefined);
      queues.set(host, settled);
      void settled.then(() => {
        if (queues.get(host) === settled) queues.delete(host);
      });
      return result;
    },
  };
}
