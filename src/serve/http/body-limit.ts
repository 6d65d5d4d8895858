/**
 * Request body caps. A declared Content-Length over the cap is answered 413 before anything is
 * read; a body without one is capped while it is read (body-read.ts).
 */
import type { MiddlewareHandler } from 'hono';
import { SearchError } from '../../errors.js';

/** Largest request body accepted, in bytes (article writes). */
export const BODY_MAX_BYTES = 8 * 1024 * 1024;
export const ARTICLES_BODY_HINT = 'send fewer articles per request';
/** Largest search or MCP request body: a query and its filters never need more. */
export const SEARCH_BODY_MAX_BYTES = 1024 * 1024;
export const SEARCH_BODY_HINT = 'send a shorter query or fewer filters';

export const tooLarge = (maxBytes: number, hint: string) =>
  new SearchError('PAYLOAD_TOO_LARGE', `The request body is over ${maxBytes} bytes; ${hint}.`);

/** The declared length against a cap; no reading. */
export function declaredOver(headers: Headers, maxBytes: number): boolean {
  const declared = headers.get('content-length');
  return declared !== null && !headers.has('transfer-encoding') && Number(declared) > maxBytes;
}

/** Every route: a declared length over BODY_MAX_BYTES is refused at once. */
export const limitBody: MiddlewareHandler = async (c, next) => {
  if (declaredOver(c.req.raw.headers, BODY_MAX_BYTES)) throw tooLarge(BODY_MAX_BYTES, ARTICLES_BODY_HINT);
  await next();
};
