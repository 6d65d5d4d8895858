/**
 * The HTTP API on Hono: /v1 routes validated by zod and described by the OpenAPI 3.1 document
 * at /openapi.json, the tool list for chat models, and MCP over Streamable HTTP at /mcp.
 */
import { createHash } from 'node:crypto';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import type { SemsearchConfig } from '../../config.js';
import { type ErrorCode, isSearchError, SearchError } from '../../errors.js';
import { type Article, recordToArticle, type SearchEngine } from '../../index.js';
import {
  ArticleSchema,
  ArticlesInputSchema,
  ErrorSchema,
  IngestSummarySchema,
  PassageSchema,
  SearchInputSchema,
  SearchQuerySchema,
  SearchResponseSchema,
} from '../api/schemas.js';
import { openAiTools, runSearchTool } from '../api/tools.js';
import { createMcpServer } from '../mcp/index.js';
import { registerSearchPage } from './page/routes.js';
import {
  allowedHostNames,
  bearerToken,
  hostAndOriginAllowed,
  isLoopbackHost,
  keyMatches,
} from './security.js';

/** Largest request body accepted, in bytes. */
export const BODY_MAX_BYTES = 8 * 1024 * 1024;

export interface HttpAppOptions {
  engine: SearchEngine;
  config: Readonly<SemsearchConfig>;
  log?: (line: string) => void;
}

type Env = { Variables: { requestId: string } };

function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      { content: { 'application/json': { schema: ErrorSchema } }, description: `Error (${s})` },
    ]),
  );

export function createHttpApp(options: HttpAppOptions): OpenAPIHono<Env> {
  const { engine, config } = options;
  const log = options.log ?? (() => {});
  const requireKeyEverywhere = !isLoopbackHost(config.host);
  const hosts = allowedHostNames(config.host);

  const app = new OpenAPIHono<Env>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const issues = result.error.issues
          .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
          .join('; ');
        return c.json(errorBody('BAD_INPUT', `Invalid request: ${issues}.`), 400);
      }
      return undefined;
    },
  });

  app.use('*', requestId());
  app.use('*', async (c, next) => {
    const started = performance.now();
    if (config.logLevel === 'debug')
      log(`${c.get('requestId')} ${c.req.method} ${new URL(c.req.url).pathname} started`);
    await next();
    log(
      `${c.get('requestId')} ${c.req.method} ${new URL(c.req.url).pathname} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`,
    );
  });
  if (config.corsOrigins.length > 0) app.use('*', cors({ origin: [...config.corsOrigins] }));
  app.use(
    '*',
    bodyLimit({
      maxSize: BODY_MAX_BYTES,
      onError: (c) =>
        c.json(
          errorBody(
            'PAYLOAD_TOO_LARGE',
            `The request body is over ${BODY_MAX_BYTES} bytes; send fewer articles per request.`,
          ),
          413,
        ),
    }),
  );

  const authorized = (header: string | undefined) => keyMatches(bearerToken(header), config.apiKey);
  const unauthorized = () =>
    new SearchError(
      'UNAUTHORIZED',
      config.apiKey
        ? 'This route needs the API key: send "Authorization: Bearer <SEMSEARCH_API_KEY>".'
        : 'Write routes are off because no API key is set; start the server with SEMSEARCH_API_KEY set.',
    );
  if (requireKeyEverywhere) {
    app.use('/v1/*', async (c, next) => {
      if (!authorized(c.req.header('authorization'))) throw unauthorized();
      await next();
    });
  }
  const requireKey = async (
    c: { req: { header(name: string): string | undefined } },
    next: () => Promise<void>,
  ) => {
    if (!authorized(c.req.header('authorization'))) throw unauthorized();
    await next();
  };

  app.onError((error, c) => {
    if (isSearchError(error)) {
      return c.json(errorBody(error.code, error.message), error.status as 400);
    }
    if (error instanceof HTTPException) {
      const malformed = /malformed json/i.test(error.message);
      const code: ErrorCode | 'HTTP_ERROR' = malformed
        ? 'MALFORMED_JSON'
        : error.status === 413
          ? 'PAYLOAD_TOO_LARGE'
          : 'HTTP_ERROR';
      const message = malformed
        ? 'The request body is not valid JSON; check quotes and commas, and send Content-Type: application/json.'
        : error.message;
      return c.json(errorBody(code, message), error.status);
    }
    log(`${c.get('requestId')} internal error: ${(error as Error).stack ?? String(error)}`);
    return c.json(
      errorBody('INTERNAL', `Internal error (request ${c.get('requestId')}); see the server log.`),
      500,
    );
  });
  app.notFound((c) =>
    c.json(
      errorBody('NOT_FOUND', `No route ${c.req.method} ${new URL(c.req.url).pathname}; see /openapi.json.`),
      404,
    ),
  );

  // --- health ---------------------------------------------------------------------------
  app.openapi(
    createRoute({
      method: 'get',
      path: '/health',
      summary: 'Liveness: the process answers.',
      responses: {
        200: {
          content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
          description: 'Alive',
        },
      },
    }),
    (c) => c.json({ status: 'ok' as const }, 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/ready',
      summary: 'Readiness: the model is loaded and the index open.',
      responses: {
        200: {
          content: { 'application/json': { schema: z.object({ status: z.literal('ready') }) } },
          description: 'Ready',
        },
        ...errorResponses(503),
      },
    }),
    (c) => {
      if (!engine.isReady())
        throw new SearchError('NOT_READY', 'The model is still loading; try again in a few seconds.');
      return c.json({ status: 'ready' as const }, 200);
    },
  );

  // --- search ---------------------------------------------------------------------------
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/search',
      summary: 'Search with query-string parameters.',
      request: { query: SearchQuerySchema },
      responses: {
        200: {
          content: { 'application/json': { schema: SearchResponseSchema } },
          description: 'Ranked passages',
        },
        ...errorResponses(400, 401, 503),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const filters: { source?: string; dateFrom?: string; dateTo?: string; articleIds?: string[] } = {
        ...(q.source ? { source: q.source } : {}),
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
      request: { body: { content: { 'application/json': { schema: SearchInputSchema } }, required: true } },
      responses: {
        200: {
          content: { 'application/json': { schema: SearchResponseSchema } },
          description: 'Ranked passages',
        },
        ...errorResponses(400, 401, 413, 503),
      },
    }),
    async (c) => c.json(await runSearchTool(engine, c.req.valid('json')), 200),
  );

  // --- articles and passages ------------------------------------------------------------
  const IdParam = z.object({
    id: z
      .string()
      .min(1)
      .max(512)
      .openapi({ param: { name: 'id', in: 'path' } }),
  });
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/articles/{id}',
      summary: 'One article: metadata and full text.',
      request: { params: IdParam },
      responses: {
        200: { content: { 'application/json': { schema: ArticleSchema } }, description: 'The article' },
        ...errorResponses(401, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const article = await engine.getArticle(id);
      if (!article) throw new SearchError('NOT_FOUND', `No article with id "${id}".`);
      return c.json(article, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/passages/{id}',
      summary: 'One passage with its offsets.',
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
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const passage = await engine.getPassage(id);
      if (!passage) throw new SearchError('NOT_FOUND', `No passage with id ${id}.`);
      return c.json(passage, 200);
    },
  );
  app.use('/v1/articles', async (c, next) => (c.req.method === 'POST' ? requireKey(c, next) : next()));
  app.use('/v1/articles/*', async (c, next) => (c.req.method === 'DELETE' ? requireKey(c, next) : next()));
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/articles',
      summary: 'Add or replace articles (one, or {articles: [...]}). Needs the API key.',
      security: [{ bearer: [] }],
      request: { body: { content: { 'application/json': { schema: ArticlesInputSchema } }, required: true } },
      responses: {
        200: {
          content: { 'application/json': { schema: IngestSummarySchema } },
          description: 'What was stored',
        },
        ...errorResponses(400, 401, 409, 413),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const inputs = 'articles' in body ? body.articles : [body];
      const articles: Article[] = inputs.map((input, i) => {
        const { metadata, ...rest } = input;
        const id =
          input.id ??
          `api-${createHash('sha256').update(`${input.title}\n${input.text}`).digest('hex').slice(0, 16)}`;
        return recordToArticle({ ...metadata, ...rest, id }, id, `articles[${i}]`);
      });
      const summary = await engine.ingestArticles(articles);
      return c.json(summary, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/articles/{id}',
      summary: 'Remove an article and its passages. Needs the API key.',
      security: [{ bearer: [] }],
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
        ...errorResponses(401, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const result = await engine.deleteArticles([id]);
      if (result.removed === 0) throw new SearchError('NOT_FOUND', `No article with id "${id}".`);
      return c.json(result, 200);
    },
  );

  // --- stats and tools ------------------------------------------------------------------
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/stats',
      summary: 'Counts, sizes, model and generation of the index.',
      responses: {
        200: {
          content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
          description: 'Index statistics',
        },
        ...errorResponses(401),
      },
    }),
    async (c) => c.json((await engine.stats()) as unknown as Record<string, unknown>, 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/tools',
      summary: 'OpenAI-style function definitions for chat models.',
      responses: {
        200: {
          content: {
            'application/json': { schema: z.object({ tools: z.array(z.record(z.string(), z.unknown())) }) },
          },
          description: 'Tools',
        },
        ...errorResponses(401),
      },
    }),
    (c) => c.json({ tools: openAiTools() as unknown as Array<Record<string, unknown>> }, 200),
  );

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'semsearch',
      version: '0.1.0',
      description: 'Local semantic search over news articles. Errors are {error: {code, message}}.',
    },
  });

  registerSearchPage(app, engine);

  // --- MCP over Streamable HTTP (stateless: one server per request) -----------------------
  app.all('/mcp', async (c) => {
    if (!hostAndOriginAllowed(c.req.header('host'), c.req.header('origin'), hosts)) {
      return c.json(
        errorBody('FORBIDDEN', 'Host or Origin not allowed for /mcp (DNS rebinding protection).'),
        403,
      );
    }
    if (requireKeyEverywhere && !authorized(c.req.header('authorization'))) throw unauthorized();
    const transport = new WebStandardStreamableHTTPServerTransport({
      enableJsonResponse: true,
      maxRequestBodySize: BODY_MAX_BYTES,
    });
    const server = createMcpServer(engine);
    await server.connect(transport);
    try {
      return await transport.handleRequest(c.req.raw);
    } finally {
      void server.close();
    }
  });

  return app;
}
