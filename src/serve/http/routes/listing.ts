/** `GET /v1/articles`, `GET /v1/collections` and `GET /v1/speakers`: what the index holds, a page at a time. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { SearchError } from '../../../errors.js';
import { publicPath } from '../../api/redact.js';
import { ListSpeakersInputSchema, SpeakersResponseSchema } from '../../api/tool-schemas.js';
import { runSpeakersTool } from '../../api/tools.js';
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
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/speakers',
      summary: 'The most quoted people of the index, with statement and article counts and dates.',
      middleware: guard(deps, 'read'),
      request: { query: SpeakersQuerySchema },
      responses: {
        200: {
          content: { 'application/json': { schema: SpeakersResponseSchema } },
          description: 'Speakers, most statements first',
        },
        ...errorResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const collections = (q.collection ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const parsed = ListSpeakersInputSchema.safeParse({
        ...(q.limit ? { limit: q.limit } : {}),
        ...(collections.length > 0 ? { collections } : {}),
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new SearchError(
          'BAD_INPUT',
          `${issue?.path.join('.') || 'query'}: ${issue?.message ?? 'invalid'}. Dates are YYYY-MM-DD; limit is 1 to 1000.`,
        );
      }
      return c.json(await runSpeakersTool(engine, parsed.data), 200);
    },
  );
  return app;
}

const SpeakersQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .describe('Speakers to return (1-1000). @default 20'),
  collection: z.string().max(2000).optional().describe('Only these collections (comma-separated).'),
  from: z.string().optional().describe('Only articles dated on or after (YYYY-MM-DD).'),
  to: z.string().optional().describe('Only articles dated on or before (YYYY-MM-DD).'),
});
