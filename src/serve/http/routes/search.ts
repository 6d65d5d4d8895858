/** `/v1/search`: GET with query-string parameters, POST with a JSON body. */

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { SearchError } from '../../../errors.js';
import type { SearchFilters } from '../../../index.js';
import type { FacetName } from '../../../results/index.js';
import { SearchResponseSchema } from '../../api/response-schemas.js';
import { SearchInputSchema, SearchQuerySchema } from '../../api/schemas.js';
import { runSearchTool } from '../../api/tools.js';
import { limitSearchBody } from '../body-limit.js';
import { createRouter, type Env, errorResponses, type HttpDeps } from '../context.js';
import { guard } from '../guards.js';

/** `meta=key:value` (repeatable) as a metadata filter. */
export function metaFilter(meta: string | string[] | undefined): Record<string, string> | undefined {
  const pairs = meta === undefined ? [] : Array.isArray(meta) ? meta : [meta];
  if (pairs.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const colon = pair.indexOf(':');
    if (colon <= 0)
      throw new SearchError('BAD_INPUT', `meta takes key:value, e.g. meta=collection:news; got "${pair}".`);
    out[pair.slice(0, colon)] = pair.slice(colon + 1);
  }
  return out;
}

export function searchRoutes(deps: HttpDeps): OpenAPIHono<Env> {
  const { engine } = deps;
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/search',
      summary: 'Search with query-string parameters.',
      middleware: [guard(deps, 'read'), deps.admission.middleware],
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
      const metadata = metaFilter(q.meta);
      const filters: SearchFilters & { articleIds?: string[]; collections?: string[] } = {
        ...(metadata ? { metadata } : {}),
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
        ...(q.offset !== undefined ? { offset: q.offset } : {}),
        ...(q.place ? { place: q.place } : {}),
        ...(q.sort ? { sort: q.sort } : {}),
        ...(q.facets ? { facets: q.facets.split(',').map((f) => f.trim()) as FacetName[] } : {}),
        ...(q.explain === 'true' || q.explain === '1' ? { explain: true } : {}),
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
      middleware: [guard(deps, 'read'), limitSearchBody, deps.admission.middleware],
      request: { body: { content: { 'application/json': { schema: SearchInputSchema } }, required: true } },
      responses: {
        200: {
          content: { 'application/json': { schema: SearchResponseSchema } },
          description: 'Ranked passages',
        },
        ...errorResponses(400, 401, 403, 413, 415, 503),
      },
    }),
    async (c) => c.json(await runSearchTool(engine, c.req.valid('json')), 200),
  );
  return app;
}
