/** The request body cap, answered as a JSON 413 before the body is parsed. */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorBody } from './context.js';

/** Largest request body accepted, in bytes. */
export const BODY_MAX_BYTES = 8 * 1024 * 1024;

export const limitBody: MiddlewareHandler = bodyLimit({
  maxSize: BODY_MAX_BYTES,
  onError: (c) =>
    c.json(
      errorBody(
        'PAYLOAD_TOO_LARGE',
        `The request body is over ${BODY_MAX_BYTES} bytes; send fewer articles per request.`,
      ),
      413,
    ),
});
