/** `GET /v1/articles` and `GET /v1/collections`: what the index holds, a page at a time. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { publicPath } from '../../api/redact.js';
import { createRouter, type Env, errorResponses, type HttpDeps } from '../context.js';
import { guard } from '../guards.js';

/** Articles one listing request returns at most. */
export const LIST_LIMIT_MAX = 1000;

const ListingSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    titleDerived: z.literal(true).optional(),
    collection: z.string().nullable(),
    date: z.string().nullable(),
    source: z.string().nullable(),
    sourcePath: z.string().nullable(),
    passageCount: z.number().int(),
    updatedAt: z.string(),
    story: z.string().describe('The story: an article and its copies share one.'),
  })
  .openapi('ArticleListing');

const ListQuerySchema = z.object({
  collection: z.string().min(1).max(200).optional().describe('Only this collection.'),
  offset: z.coerce.number().int().min(0).optional().describe('Articles to skip (by id order). @default 0'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(LIST_LIMIT_MAX)
    .optional()
    .describe(`Articles to return (1-${LIST_LIMIT_MAX}). @default 100`),
  copies: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: only articles that have copies, grouped by story (to review them). @default false'),
});

export function listingRoutes(deps: HttpDeps): OpenAPIHono<Env> {
  const { engine } = deps;
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/articles',
      summary: 'Articles by id, without their text, a page at a time; optionally one collection.',
      middleware: guard(deps, 'read'),
      request: { query: ListQuerySchema },
      responses: {
        200: {
          content: {
            'application/json': {
              schema: z.object({ total: z.number().int(), articles: z.array(ListingSchema) }),
            },
          },
          description: 'The total matching and one page of articles',
        },
        ...errorResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const page = await engine.listArticles({
        collection: q.collection,
        copies: q.copies === 'true',
        offset: q.offset ?? 0,
        limit: q.limit ?? 100,
      });
      const articles = page.articles.map((a) => ({
        ...a,
        sourcePath: a.sourcePath === null ? null : publicPath(a.sourcePath),
      }));
      return c.json({ total: page.total, articles }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/collections',
      summary: 'Collections with their article counts.',
      middleware: guard(deps, 'read'),
      responses: {
        200: {
          content: {
            'application/json': {
              schema: z.object({
                collections: z.array(z.object({ name: z.string(), articles: z.number().int() })),
              }),
            },
          },
          description: 'Collections by name',
        },
        ...errorResponses(401, 403),
      },
    }),
    async (c) => c.json({ collections: await engine.collections() }, 200),
  );
  return app;
}
