/**
 * The HTTP API on Hono, composed from route modules that each declare their own guards:
 * search, articles, system (health, ready, stats, OpenAPI), tools, the search page, and MCP.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { getPath } from 'hono/utils/url';
import type { SemsearchConfig } from '../../config.js';
import type { SearchEngine } from '../../index.js';
import { type AdmissionOptions, createAdmission } from './admission.js';
import {
  ARTICLES_BODY_HINT,
  BODY_MAX_BYTES,
  limitBody,
  SEARCH_BODY_HINT,
  SEARCH_BODY_MAX_BYTES,
} from './body-limit.js';
import { type BodyReadOptions, readBodyFirst } from './body-read.js';
import { createRouter, type Env, type HttpDeps } from './context.js';
import { handleError, notFound } from './on-error.js';
import { notFound as pageNotFound, pageRoutes, wantsPage } from './page/routes.js';
import { articleRoutes } from './routes/articles.js';
import { listingRoutes } from './routes/listing.js';
import { mcpRoutes } from './routes/mcp.js';
import { searchRoutes } from './routes/search.js';
import { mountOpenApiDoc, systemRoutes } from './routes/system.js';
import { toolRoutes } from './routes/tools.js';
import { createWriteTracker, type WriteTracker } from './write-tracker.js';

export { BODY_MAX_BYTES } from './body-limit.js';

export interface HttpAppOptions {
  engine: SearchEngine;
  config: Readonly<SemsearchConfig>;
  log?: (line: string) => void;
  /** In-flight writes, shared with the server so shutdown can drain them. */
  writes?: WriteTracker;
  /** Search admission limits. @default ADMISSION_DEFAULTS */
  admission?: AdmissionOptions;
  /** Time limit and nesting limit of request bodies. @default BODY_TIMEOUT_MS, JSON_MAX_DEPTH */
  body?: BodyReadOptions;
}

/**
 * Article ids have slashes (`local/flood-warning`): the id is the rest of the path, in the API
 * (`/v1/articles/local/flood-warning`) and on the page (`/articles/local/flood-warning`), as well
 * as with the slash escaped (`%2F`). Routing sees the id's slashes escaped, so `{id}` takes it all.
 */
export function articleIdAsRestOfPath(request: Request): string {
  const path = getPath(request);
  const m = /^(\/v1\/articles\/|\/articles\/)(.+)$/.exec(path);
  return m ? `${m[1]}${(m[2] as string).replaceAll('/', '%2F')}` : path;
}

export function createHttpApp(options: HttpAppOptions): OpenAPIHono<Env> {
  const deps: HttpDeps = {
    engine: options.engine,
    config: options.config,
    log: options.log ?? (() => {}),
    writes: options.writes ?? createWriteTracker(),
    admission: createAdmission(options.admission),
    readSearchBody: readBodyFirst(SEARCH_BODY_MAX_BYTES, SEARCH_BODY_HINT, options.body),
    readArticlesBody: readBodyFirst(BODY_MAX_BYTES, ARTICLES_BODY_HINT, options.body),
  };
  const { config, log } = deps;
  const app = createRouter({ getPath: articleIdAsRestOfPath });

  // Cross-cutting middleware only: no access decisions here (each route declares its guards).
  app.use('*', requestId());
  app.use('*', async (c, next) => {
    const started = performance.now();
    const path = getPath(c.req.raw); // not new URL(): this runs for every request, a shed one too
    if (config.logLevel === 'debug') log(`${c.get('requestId')} ${c.req.method} ${path} started`);
    await next();
    log(
      `${c.get('requestId')} ${c.req.method} ${path} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`,
    );
  });
  app.use('*', async (c, next) => {
    await next();
    // On the finished response's own headers: c.header() at this point re-creates the Response
    // around its body as a stream, and the adapter then reads every answer (a shed search's 503
    // too) through a stream instead of writing it at once (a tenth of the HTTP thread's time
    // under 256 connections of search).
    try {
      c.res.headers.set('X-Content-Type-Options', 'nosniff');
    } catch {
      c.header('X-Content-Type-Options', 'nosniff'); // immutable headers (a fetched Response)
    }
  });
  // "*" allows any origin (a public, key-protected API); otherwise the listed origins only.
  if (config.corsOrigins.length > 0)
    app.use('*', cors({ origin: config.corsOrigins.includes('*') ? '*' : [...config.corsOrigins] }));
  app.use('*', limitBody);
  app.onError(handleError(log, config.indexDir));
  app.notFound((c) => (wantsPage(c) ? pageNotFound(c) : notFound(c)));

  app.route('/', systemRoutes(deps));
  app.route('/', searchRoutes(deps));
  app.route('/', listingRoutes(deps));
  app.route('/', articleRoutes(deps));
  app.route('/', toolRoutes(deps));
  app.route('/', pageRoutes(deps));
  app.route('/', mcpRoutes(deps));
  mountOpenApiDoc(app, deps);
  return app;
}
