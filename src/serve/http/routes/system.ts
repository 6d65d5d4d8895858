/** Liveness, readiness, index statistics and the OpenAPI document. */

import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { SearchError } from '../../../errors.js';
import { liveSourceStatus, readSourceStatus } from '../../../subscriptions/index.js';
import { publicStats } from '../../api/redact.js';
import { createRouter, type Env, errorResponses, type HttpDeps } from '../context.js';
import { guard } from '../guards.js';

export function systemRoutes(deps: HttpDeps): OpenAPIHono<Env> {
  const { engine } = deps;
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/health',
      summary: 'Liveness: the process answers.',
      middleware: guard(deps, 'open'),
      responses: {
        200: {
          content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
          description: 'Alive',
        },
        ...errorResponses(403),
      },
    }),
    (c) => c.json({ status: 'ok' as const }, 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/ready',
      summary: 'Readiness: the model is loaded and the index open.',
      middleware: guard(deps, 'open'),
      responses: {
        200: {
          content: { 'application/json': { schema: z.object({ status: z.literal('ready') }) } },
          description: 'Ready',
        },
        ...errorResponses(403, 503),
      },
    }),
    (c) => {
      if (!engine.isReady())
        throw new SearchError('NOT_READY', 'The model is still loading; try again in a few seconds.');
      return c.json({ status: 'ready' as const }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/stats',
      summary: 'Counts, sizes, model and generation of the index.',
      middleware: guard(deps, 'read'),
      responses: {
        200: {
          content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
          description: 'Index statistics',
        },
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const stats = {
        ...publicStats(await engine.stats()),
        sources: liveSourceStatus(readSourceStatus(engine.config.indexDir), await engine.collections()),
      };
      return c.json(stats as unknown as Record<string, unknown>, 200);
    },
  );
  return app;
}

/** `/openapi.json`, generated from the composed app so it lists every module's routes. */
export function mountOpenApiDoc(app: OpenAPIHono<Env>, deps: HttpDeps): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  const document = () =>
    app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'semsearch',
        version: '0.1.0',
        description: 'Local semantic search over news articles. Errors are {error: {code, message}}.',
      },
    });
  app.get('/openapi.json', guard(deps, 'read'), (c) => c.json(document(), 200));
}
