/**
 * The one place errors become HTTP answers: SearchError codes map to their status, Hono's own
 * exceptions keep theirs, anything else is logged and answered 500 without internals.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { type ErrorCode, isSearchError } from '../../errors.js';
import { redactMessage } from '../api/redact.js';
import { type Env, errorBody } from './context.js';

export function handleError(log: (line: string) => void, indexDir: string) {
  return (error: Error, c: Context<Env>): Response => {
    if (isSearchError(error)) {
      return c.json(errorBody(error.code, redactMessage(error.message, indexDir)), error.status as 400);
    }
    if (error instanceof HTTPException) {
      const malformed = /malformed json/i.test(error.message);
      const code: ErrorCode | 'HTTP_ERROR' = malformed
        ? 'MALFORMED_JSON'
        : error.status === 413
          ? 'PAYLOAD_TOO_LARGE'
          : error.status === 415
            ? 'UNSUPPORTED_MEDIA_TYPE'
            : 'HTTP_ERROR';
      const type = c.req.header('content-type');
      const message = malformed
        ? 'The request body is not valid JSON; check quotes and commas, and send Content-Type: application/json.'
        : error.status === 415
          ? `The request body must be JSON, sent with Content-Type: application/json${type ? ` (this one was sent as ${JSON.stringify(type.slice(0, 100))})` : ''}.`
          : error.message;
      return c.json(errorBody(code, message), error.status);
    }
    if (c.req.raw.signal?.aborted) {
      // The client went away mid-request (closed the tab, timed out): not our failure.
      log(`${c.get('requestId')} client closed the request`);
      return c.json(errorBody('CLIENT_CLOSED', 'The client closed the request.'), 400);
    }
    log(`${c.get('requestId')} internal error: ${error.stack ?? String(error)}`);
    return c.json(
      errorBody('INTERNAL', `Internal error (request ${c.get('requestId')}); see the server log.`),
      500,
    );
  };
}

export function notFound(c: Context<Env>): Response {
  return c.json(
    errorBody('NOT_FOUND', `No route ${c.req.method} ${new URL(c.req.url).pathname}; see /openapi.json.`),
    404,
  );
}
