/** `/v1/articles` and `/v1/passages`: read by id (key beyond loopback), add and delete (key always). */
import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { SearchError } from '../../../errors.js';
import { type Article, recordToArticle } from '../../../index.js';
import { publicArticle } from '../../api/redact.js';
import { ArticleSchema, ArticlesInputSchema, IngestSummarySchema, PassageSchema } from '../../api/schemas.js';
import { createRouter, type Env, errorResponses, type HttpDeps } from '../context.js';
import { guard } from '../guards.js';
import { ingestInSlices, WRITE_SLICE_ARTICLES } from '../sliced-write.js';
import { trackWrite } from '../write-tracker.js';

const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(512)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

/** The collection of an API article whose metadata names none and whose id has no "/". */
export const API_COLLECTION = 'api';

export function articleRoutes(deps: HttpDeps): OpenAPIHono<Env> {
  const { engine, writes } = deps;
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/articles/{id}',
      summary: 'One article: metadata and full text.',
      middleware: guard(deps, 'read'),
      request: { params: IdParam },
      responses: {
        200: { content: { 'application/json': { schema: ArticleSchema } }, description: 'The article' },
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const article = await engine.getArticle(id);
      if (!article) throw new SearchError('NOT_FOUND', `No article with id "${id}".`);
      return c.json(publicArticle(article), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/passages/{id}',
      summary: 'One passage with its offsets.',
      middleware: guard(deps, 'read'),
      request: {
        params: z.object({
          id: z.coerce
            .number()
            .int()
            .min(1)
            .openapi({ param: { name: 'id', in: 'path' } }),
        }),
      },
      responses: {
        200: { content: { 'application/json': { schema: PassageSchema } }, description: 'The passage' },
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const passage = await engine.getPassage(id);
      if (!passage) throw new SearchError('NOT_FOUND', `No passage with id ${id}.`);
      return c.json(passage, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/articles',
      summary: 'Add or replace articles (one, or {articles: [...]}). Needs the API key.',
      security: [{ bearer: [] }],
      middleware: [guard(deps, 'write'), deps.readArticlesBody, trackWrite(writes)],
      request: { body: { content: { 'application/json': { schema: ArticlesInputSchema } }, required: true } },
      responses: {
        200: {
          content: { 'application/json': { schema: IngestSummarySchema } },
          description: 'What was stored',
        },
        ...errorResponses(400, 401, 403, 409, 413, 415, 503),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const inputs = 'articles' in body ? body.articles : [body];
      const articles: Article[] = [];
      for (const [i, input] of inputs.entries()) {
        // Yield now and then: a thousand articles' paragraph splitting adds up.
        if (i > 0 && i % WRITE_SLICE_ARTICLES === 0) await nextTurn();
        const { metadata, ...rest } = input;
        const id =
          input.id ??
          `api-${createHash('sha256').update(`${input.title}\n${input.text}`).digest('hex').slice(0, 16)}`;
        const article = recordToArticle({ ...metadata, ...rest, id }, id, `articles[${i}]`);
        // Every article is in a collection (the facet, the filter and rm --collection read it):
        // the one its metadata names, else its id's first segment, else "api".
        if (typeof article.metadata.collection !== 'string' || !article.metadata.collection) {
          const name = /^([^/]+)\/./.exec(id)?.[1] ?? API_COLLECTION;
          article.collection = name;
          article.metadata = { ...article.metadata, collection: name };
        }
        articles.push(article);
      }
      const summary = await ingestInSlices(engine, articles);
      return c.json(summary, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/articles/{id}',
      summary: 'Remove an article and its passages. Needs the API key.',
      security: [{ bearer: [] }],
      middleware: [guard(deps, 'write'), trackWrite(writes)],
      request: { params: IdParam },
      responses: {
        200: {
          content: {
            'application/json': {
              schema: z.object({ removed: z.number().int(), generation: z.number().int() }),
            },
          },
          description: 'Removed',
        },
        ...errorResponses(401, 403, 404, 503),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const result = await engine.deleteArticles([id]);
      if (result.removed === 0) throw new SearchError('NOT_FOUND', `No article with id "${id}".`);
      return c.json(result, 200);
    },
  );
  return app;
}
