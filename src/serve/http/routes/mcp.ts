/** `/mcp`: MCP over Streamable HTTP, stateless (one server per request). */
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { Hono } from 'hono';
import { createMcpServer } from '../../mcp/index.js';
import { SEARCH_BODY_MAX_BYTES } from '../body-limit.js';
import type { Env, HttpDeps } from '../context.js';
import { guard } from '../guards.js';

export function mcpRoutes(deps: HttpDeps): Hono<Env> {
  const app = new Hono<Env>();
  app.all('/mcp', guard(deps, 'read'), deps.readSearchBody, deps.admission.middleware, async (c) => {
    const transport = new WebStandardStreamableHTTPServerTransport({
      enableJsonResponse: true,
      maxRequestBodySize: SEARCH_BODY_MAX_BYTES,
    });
    const server = await createMcpServer(deps.engine);
    await server.connect(transport);
    try {
      return await transport.handleRequest(c.req.raw);
    } finally {
      void server.close();
    }
  });
  return app;
}
