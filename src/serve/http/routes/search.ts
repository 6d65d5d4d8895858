/** `/v1/search`: GET with query-string parameters, POST with a JSON body. */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { SearchInputSchema, SearchQuerySchema, SearchResponseSchema } from '../../api/schemas.js';
import { runSearchTool } from '../../api/tools.js';
import { limitSearchBody } from '../body-limit.js';
import { createRouter, type Env, errorResponses, type HttpDeps } from '../context.js';
import { guard } from '../guards.js';

export function searchRoutes(deps: HttpDeps): OpenAPIHono<Env> {
  const { engine } = deps;
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/search',
      summary: 'Search with query-string parameters.',
      middleware: guard(deps, 'read'),
      request: { query: SearchQuerySchema },
      responses: {
        200: {
          content: { 'application/json': { schema: SearchResponseSchema } },
          description: 'Ranked passages',
        },
        ...errorResponses(400, 401, 403, 503),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const filters: {
        source?: string;
        collections?: string[];
        dateFrom?: string;
        dateTo?: string;
        articleIds?: string[];
      } = {
        ...(q.source ? { source: q.source } : {}),
        ...(q.collection
          ? {
              collections: q.collection
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
            }
          : {}),
        ...(q.dateFrom ? { dateFrom: q.dateFrom } : {}),
        ...(q.dateTo ? { dateTo: q.dateTo } : {}),
        ...(q.articleIds
          ? {
              articleIds: q.articleIds
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
            }
          : {}),
      };
      const response = await runSearchTool(engine, {
        query: q.q,
        ...(q.k !== undefined ? { k: q.k } : {}),
        ...(q.mode ? { mode: q.mode } : {}),
        ...(q.minScore !== undefined ? { minScore: q.minScore } : {}),
        ...(Object.keys(filters).length > 0 ? { filters } : {}),
      });
      return c.json(response, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/search',
      summary: 'Search with a JSON body (filters on any metadata key).',
      middleware: [guard(deps, 'read'), limitSearchBody],
      request: { body: { content: { 'application/json': { schema: SearchInputSchema } }, required: true } },
      responses: {
        200: {
          content: { 'application/json': { schema: SearchResponseSchema } },
          description: 'Ranked passages',
        },
        ...errorResponses(400, 401, 403, 413, 503),
      },
    }),
    async (c) => c.json(await runSearchTool(engine, c.req.valid('json')), 200),
  );
  return app;
}
