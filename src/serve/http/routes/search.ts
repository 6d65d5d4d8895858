/** `/v1/search`: GET with query-string parameters, POST with a JSON body. */

import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { SearchError } from '../../../errors.js';
import type { SearchFilters } from '../../../index.js';
import type { FacetName } from '../../../results/index.js';
import { SearchResponseSchema } from '../../api/response-schemas.js';
import { SearchInputSchema, SearchQuerySchema } from '../../api/schemas.js';
import { FindStatementsInputSchema, StatementsResponseSchema } from '../../api/tool-schemas.js';
import { runSearchTool, runStatementsTool } from '../../api/tools.js';
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
      const list = (value: string) =>
        value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
      // Only the filters the query string sets (an empty one is no filter).
      const filters: SearchFilters & { articleIds?: string[]; collections?: string[] } = {};
      const metadata = metaFilter(q.meta);
      if (metadata) filters.metadata = metadata;
      if (q.source) filters.source = q.source;
      if (q.collection) filters.collections = list(q.collection);
      if (q.dateFrom) filters.dateFrom = q.dateFrom;
      if (q.dateTo) filters.dateTo = q.dateTo;
      if (q.articleIds) filters.articleIds = list(q.articleIds);
      const response = await runSearchTool(engine, {
        query: q.q,
        k: q.k,
        mode: q.mode || undefined,
        minScore: q.minScore,
        offset: q.offset,
        place: q.place || undefined,
        sort: q.sort || undefined,
        facets: q.facets ? (list(q.facets) as FacetName[]) : undefined,
        explain: q.explain === 'true' || q.explain === '1' || undefined,
        collapse: q.collapse === 'false' || q.collapse === '0' ? false : undefined,
        filters: Object.keys(filters).length > 0 ? filters : undefined,
      });
      return c.json(response, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/search',
      summary: 'Search with a JSON body (filters on any metadata key).',
      middleware: [guard(deps, 'read'), deps.readSearchBody, deps.admission.middleware],
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
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/statements',
      summary: 'What a person said (on a topic): their statements in the articles a search finds.',
      middleware: [guard(deps, 'read'), deps.admission.middleware],
      request: { query: StatementsQuerySchema },
      responses: {
        200: {
          content: { 'application/json': { schema: StatementsResponseSchema } },
          description: 'The speaker matched and their statements, most about the topic first',
        },
        ...errorResponses(400, 401, 403, 503),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const parsed = FindStatementsInputSchema.safeParse({
        speaker: q.speaker,
        ...(q.topic ? { topic: q.topic } : {}),
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
        ...(q.k ? { k: Number(q.k) } : {}),
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new SearchError(
          'BAD_INPUT',
          `${issue?.path.join('.') || 'query'}: ${issue?.message ?? 'invalid'}. Dates are YYYY-MM-DD; k is 1 to 50.`,
        );
      }
      const input = parsed.data;
      return c.json(await runStatementsTool(engine, input), 200);
    },
  );
  return app;
}

const StatementsQuerySchema = z.object({
  speaker: z.string().min(1).max(200).describe('Who ("Abe", "Mr Blair", a misspelling).'),
  topic: z.string().max(500).optional().describe('About what; leave out for everything they said.'),
  from: z.string().optional().describe('Only articles dated on or after (YYYY-MM-DD).'),
  to: z.string().optional().describe('Only articles dated on or before (YYYY-MM-DD).'),
  k: z
    .string()
    .regex(/^\d{1,2}$/)
    .optional()
    .describe('Statements to return, 1 to 50 (default 10).'),
});
