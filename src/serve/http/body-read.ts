/**
 * A request body is read whole, within a time limit, before the request takes a search slot or
 * is parsed: a client sending one byte every few seconds holds its own socket, never a slot
 * that searches wait for, and is answered 408 when the time is up. A JSON body nested deeper
 * than any request needs is refused by a linear scan of its bytes before JSON.parse, whose
 * cost grows with depth (a 1 MB body nested 500,000 deep took 100-170 ms of the HTTP thread).
 */
import type { MiddlewareHandler } from 'hono';
import { SearchError } from '../../errors.js';
import { declaredOver, tooLarge } from './body-limit.js';
import type { Env } from './env.js';

/** Longest time a client may take to send a request body. */
export const BODY_TIMEOUT_MS = 10_000;
/**
 * Deepest JSON nesting accepted: an article's metadata may nest 32 deep (METADATA_MAX_DEPTH),
 * inside `{articles: [{metadata: …}]}`; a search or MCP call needs under 10.
 */
export const JSON_MAX_DEPTH = 64;

/** True when a JSON text opens more than `max` objects and arrays inside one another. */
export function jsonNestedDeeperThan(bytes: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x7b || b === 0x5b) {
      if (++depth > max) return true;
    } else if (b === 0x7d || b === 0x5d) depth--;
  }
  return false;
}

export interface BodyReadOptions {
  /** @default BODY_TIMEOUT_MS */
  timeoutMs?: number | undefined;
  /** @default JSON_MAX_DEPTH */
  maxDepth?: number | undefined;
}

/**
 * Read the body first (see the module header), at most `maxBytes` of it (413 past that, `hint`
 * says what to do); later readers get the buffered copy.
 */
export function readBodyFirst(
  maxBytes: number,
  hint: string,
  options: BodyReadOptions = {},
): MiddlewareHandler<Env> {
  const timeoutMs = options.timeoutMs ?? BODY_TIMEOUT_MS;
  const maxDepth = options.maxDepth ?? JSON_MAX_DEPTH;
  return async (c, next) => {
    const raw = c.req.raw;
    if (!raw.body) return next();
    if (declaredOver(raw.headers, maxBytes)) throw tooLarge(maxBytes, hint);
    let size = 0;
    const reader = raw.body.getReader();
    const chunks: Uint8Array[] = [];
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), timeoutMs);
    });
    try {
      for (;;) {
        const step = await Promise.race([reader.read(), late]);
        if (step === 'late') {
          reader.cancel().catch(() => undefined);
          c.header('Connection', 'close');
          throw new SearchError(
            'REQUEST_TIMEOUT',
            `The request body did not arrive within ${timeoutMs / 1000} s; send it at once, and retry.`,
          );
        }
        if (step.done) break;
        size += step.value.byteLength;
        if (size > maxBytes) {
          reader.cancel().catch(() => undefined);
          c.header('Connection', 'close');
          throw tooLarge(maxBytes, hint);
        }
        chunks.push(step.value);
      }
    } finally {
      clearTimeout(timer);
    }
    const body = Buffer.concat(chunks);
    if (/json/i.test(c.req.header('content-type') ?? '') && jsonNestedDeeperThan(body, maxDepth)) {
      throw new SearchError(
        'BAD_INPUT',
        `The request body nests deeper than ${maxDepth} levels of objects and arrays; no request needs that: flatten its filters or metadata.`,
      );
    }
    c.req.raw = new Request(raw, { body, duplex: 'half' } as RequestInit);
    await next();
  };
}
