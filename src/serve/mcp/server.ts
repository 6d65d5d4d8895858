/**
 * The MCP server: the same two tools over stdio (`semsearch mcp`) or Streamable HTTP (`/mcp`),
 * with structured results plus a text rendering; read tools are marked readOnlyHint.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { ConfigOverrides } from '../../config.js';
import { isSearchError } from '../../errors.js';
import { createSearchEngine, type SearchEngine } from '../../index.js';
import { ArticleSchema, SearchResponseSchema } from '../api/schemas.js';
import {
  ARTICLE_TOOL,
  renderArticleText,
  renderSearchText,
  runArticleTool,
  runSearchTool,
  SEARCH_TOOL,
} from '../api/tools.js';

function toolError(error: unknown) {
  const message = isSearchError(error)
    ? `${error.code}: ${error.message}`
    : 'Internal error while running the tool.';
  return { isError: true, content: [{ type: 'text' as const, text: message }] };
}

export function createMcpServer(engine: SearchEngine): McpServer {
  const server = new McpServer({ name: 'semsearch', version: '0.1.0' });
  server.registerTool(
    SEARCH_TOOL.name,
    {
      title: SEARCH_TOOL.title,
      description: SEARCH_TOOL.description,
      inputSchema: SEARCH_TOOL.inputSchema,
      outputSchema: SearchResponseSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async (input) => {
      try {
        const response = await runSearchTool(engine, input);
        return {
          structuredContent: response as unknown as Record<string, unknown>,
          content: [{ type: 'text', text: renderSearchText(response) }],
        };
      } catch (error) {
        return toolError(error);
      }
    },
  );
  server.registerTool(
    ARTICLE_TOOL.name,
    {
      title: ARTICLE_TOOL.title,
      description: ARTICLE_TOOL.description,
      inputSchema: ARTICLE_TOOL.inputSchema,
      outputSchema: ArticleSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async (input) => {
      try {
        const article = await runArticleTool(engine, input);
        return {
          structuredContent: article as unknown as Record<string, unknown>,
          content: [{ type: 'text', text: renderArticleText(article) }],
        };
      } catch (error) {
        return toolError(error);
      }
    },
  );
  return server;
}

/** `semsearch mcp`: serve the tools on stdin/stdout until the client closes the stream. */
export async function runStdioMcpServer(overrides: ConfigOverrides): Promise<void> {
  const engine = await createSearchEngine(overrides);
  const server = createMcpServer(engine);
  const transport = new StdioServerTransport();
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    await server.close().catch(() => undefined);
    await engine.close();
  };
  transport.onclose = () => void close();
  process.stdin.on('end', () => void close());
  process.once('SIGINT', () => void close());
  process.once('SIGTERM', () => void close());
  await server.connect(transport);
}
