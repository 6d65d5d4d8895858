/** Request body caps, answered as a JSON 413 before the body is parsed. */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorBody } from './context.js';

/** Largest request body accepted, in bytes (article writes). */
export const BODY_MAX_BYTES = 8 * 1024 * 1024;
/** Largest search or MCP request body: a query and its filters never need more. */
export const SEARCH_BODY_MAX_BYTES = 1024 * 1024;

export function limitBodyTo(maxBytes: number, hint: string): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      c.json(errorBody('PAYLOAD_TOO_LARGE', `The request body is over ${maxBytes} bytes; ${hint}.`), 413),
  });
}

export const limitBody = limitBodyTo(BODY_MAX_BYTES, 'send fewer articles per request');
export const limitSearchBody = limitBodyTo(SEARCH_BODY_MAX_BYTES, 'send a shorter query or fewer filters');
