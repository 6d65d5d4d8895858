/** `/v1/tools`: the OpenAI-style function definitions for chat models. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { openAiTools } from '../../api/tools.js';
import { createRouter, type Env, errorResponses, type HttpDeps } from '../context.js';
import { guard } from '../guards.js';

export function toolRoutes(deps: HttpDeps): OpenAPIHono<Env> {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/tools',
      summary: 'OpenAI-style function definitions for chat models.',
      middleware: guard(deps, 'read'),
      responses: {
        200: {
          content: {
            'application/json': { schema: z.object({ tools: z.array(z.record(z.string(), z.unknown())) }) },
          },
          description: 'Tools',
        },
        ...errorResponses(401, 403),
      },
    }),
    (c) => c.json({ tools: openAiTools() as unknown as Array<Record<string, unknown>> }, 200),
  );
  return app;
}
