/**
 * Route guards, declared by each route module on each of its routes (never as a path prefix,
 * so a new route cannot slip past them):
 * - `open`: Host/Origin check on a loopback bind (health and readiness probes);
 * - `read`: plus the API key when the server listens beyond loopback;
 * - `write`: plus the API key always.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { every } from 'hono/combine';
import type { Env, HttpDeps } from './context.js';
import { errorBody } from './context.js';
import {
  allowedHostNames,
  hostAndOriginAllowed,
  isLoopbackHost,
  keyMatches,
  presentedKey,
} from './security.js';

export type Access = 'open' | 'read' | 'write';

function unauthorized(c: Context<Env>, deps: HttpDeps, browser: boolean): Response {
  const message = deps.config.apiKey
    ? browser
      ? 'This server needs the API key: enter it as the password when the browser asks (any user name), or send "Authorization: Bearer <key>".'
      : 'This route needs the API key: send "Authorization: Bearer <SEMSEARCH_API_KEY>".'
    : 'Write routes are off because no API key is set; start the server with SEMSEARCH_API_KEY set.';
  // The page asks the browser for Basic credentials (the key as password); API clients get Bearer.
  c.header(
    'WWW-Authenticate',
    browser ? 'Basic realm="semsearch", charset="UTF-8"' : 'Bearer realm="semsearch"',
  );
  return c.json(errorBody('UNAUTHORIZED', message), 401);
}

/** The middleware a route declares; `browser` routes challenge with HTTP Basic. */
export function guard(
  deps: HttpDeps,
  access: Access,
  options: { browser?: boolean } = {},
): MiddlewareHandler<Env> {
  const loopback = isLoopbackHost(deps.config.host);
  const hosts = allowedHostNames(deps.config.host);
  const hostCheck: MiddlewareHandler<Env> = async (c, next) => {
    // On a loopback bind a foreign Host is a DNS-rebinding page; beyond loopback the key guards.
    if (loopback) {
      const host = c.req.header('host') ?? new URL(c.req.url).host;
      if (!hostAndOriginAllowed(host, c.req.header('origin'), hosts, deps.config.corsOrigins)) {
        return c.json(
          errorBody(
            'FORBIDDEN',
            'Host or Origin not allowed (DNS rebinding protection); use http://127.0.0.1.',
          ),
          403,
        );
      }
    }
    await next();
  };
  const keyCheck: MiddlewareHandler<Env> = async (c, next) => {
    if (!keyMatches(presentedKey(c.req.header('authorization')), deps.config.apiKey))
      return unauthorized(c, deps, options.browser === true);
    await next();
  };
  if (access === 'open' || (access === 'read' && loopback)) return hostCheck;
  return every(hostCheck, keyCheck);
}
