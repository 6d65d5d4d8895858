/**
 * The one place errors become HTTP answers: SearchError codes map to their status, Hono's own
 * exceptions keep theirs, anything else is logged and answered 500 without internals.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { type ErrorCode, isSearchError } from '../../errors.js';
import { redactMessage } from '../api/redact.js';
import { type Env, errorBody } from './context.js';

/** Hono's own exceptions (body parsing, size, media type) as an error code and a message saying what to do. */
function httpExceptionBody(
  error: HTTPException,
  contentType: string | undefined,
): { code: ErrorCode | 'HTTP_ERROR'; message: string } {
  if (/malformed json/i.test(error.message)) {
    return {
      code: 'MALFORMED_JSON',
      message:
        'The request body is not valid JSON; check quotes and commas, and send Content-Type: application/json.',
    };
  }
  if (error.status === 413) return { code: 'PAYLOAD_TOO_LARGE', message: error.message };
  if (error.status === 415) {
    const sent = contentType ? ` (this one was sent as ${JSON.stringify(contentType.slice(0, 100))})` : '';
    return {
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: `The request body must be JSON, sent with Content-Type: application/json${sent}.`,
    };
  }
  return { code: 'HTTP_ERROR', message: error.message };
}

export function handleError(log: (line: string) => void, indexDir: string) {
  return (error: Error, c: Context<Env>): Response => {
    if (isSearchError(error)) {
      return c.json(errorBody(error.code, redactMessage(error.message, indexDir)), error.status as 400);
    }
    if (error instanceof HTTPException) {
      const { code, message } = httpExceptionBody(error, c.req.header('content-type'));
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
