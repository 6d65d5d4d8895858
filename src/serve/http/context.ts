/**
 * What every HTTP route module shares: the Hono env, its dependencies, the JSON error body,
 * and a router factory whose validation failures answer a short 400.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { SemsearchConfig } from '../../config.js';
import type { SearchEngine } from '../../index.js';
import { ErrorSchema } from '../api/schemas.js';
import type { Admission } from './admission.js';
import { type Env, errorBody } from './env.js';
import type { WriteTracker } from './write-tracker.js';

export { type Env, errorBody };

export interface HttpDeps {
  engine: SearchEngine;
  config: Readonly<SemsearchConfig>;
  log: (line: string) => void;
  writes: WriteTracker;
  /** Searches running and waiting; past its limits a search is answered 503. */
  admission: Admission;
  /** Read a request's body whole (capped, within a time limit) before admission and parsing. */
  readSearchBody: MiddlewareHandler<Env>;
  readArticlesBody: MiddlewareHandler<Env>;
}

/** Validation issues quoted in a 400, and characters per issue: a huge body gets a short answer. */
export const ERROR_ISSUES_MAX = 5;
export const ERROR_ISSUE_MAX_CHARS = 200;

export const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      { content: { 'application/json': { schema: ErrorSchema } }, description: `Error (${s})` },
    ]),
  );

/** A router for one route module; every module validates alike. */
export function createRouter(routing: { getPath?: (request: Request) => string } = {}): OpenAPIHono<Env> {
  return new OpenAPIHono<Env>({
    ...routing,
    defaultHook: (result, c) => {
      if (!result.success) {
        const all = result.error.issues;
        const issues = all
          .slice(0, ERROR_ISSUES_MAX)
          .map((i) =>
            `${i.path.slice(0, 4).join('.') || '(body)'}: ${i.message}`.slice(0, ERROR_ISSUE_MAX_CHARS),
          )
          .join('; ');
        const more = all.length > ERROR_ISSUES_MAX ? ` (and ${all.length - ERROR_ISSUES_MAX} more)` : '';
        return c.json(errorBody('BAD_INPUT', `Invalid request: ${issues}${more}.`), 400);
      }
      return undefined;
    },
  });
}
