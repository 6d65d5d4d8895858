/**
 * The MCP server: the same two tools over stdio (`semsearch mcp`) or Streamable HTTP (`/mcp`),
 * with structured results plus a text rendering; read tools are marked readOnlyHint.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { ConfigOverrides } from '../../config.js';
import { isSearchError } from '../../errors.js';
import { createSearchEngine, type SearchEngine } from '../../index.js';
import { describeCorpus } from '../../results/index.js';
import { publicArticle, redactMessage } from '../api/redact.js';
import { SearchResponseSchema } from '../api/response-schemas.js';
import {
  ArticlePageSchema,
  CorpusSchema,
  SpeakersResponseSchema,
  StatementsResponseSchema,
} from '../api/tool-schemas.js';
import {
  ARTICLE_TOOL,
  COLLECTIONS_TOOL,
  pageOfArticle,
  renderArticleText,
  renderSearchText,
  renderSpeakersText,
  renderStatementsText,
  runArticleTool,
  runSearchTool,
  runSpeakersTool,
  runStatementsTool,
  SEARCH_TOOL,
  SPEAKERS_TOOL,
  STATEMENTS_TOOL,
} from '../api/tools.js';
import { createLineGuard, MCP_MESSAGE_MAX_BYTES } from './line-guard.js';

function toolError(error: unknown, indexDir: string) {
  const message = isSearchError(error)
    ? `${error.code}: ${redactMessage(error.message, indexDir)}`
    : 'Internal error while running the tool.';
  return { isError: true, content: [{ type: 'text' as const, text: message }] };
}

/** The tools, with instructions that tell the model what the archive holds. */
export async function createMcpServer(engine: SearchEngine): Promise<McpServer> {
  const corpus = await engine.corpusFacts();
  const server = new McpServer(
    { name: 'semsearch', version: '0.1.0' },
    { instructions: describeCorpus(corpus) },
  );
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
        return toolError(error, engine.config.indexDir);
      }
    },
  );
  server.registerTool(
    STATEMENTS_TOOL.name,
    {
      title: STATEMENTS_TOOL.title,
      description: STATEMENTS_TOOL.description,
      inputSchema: STATEMENTS_TOOL.inputSchema,
      outputSchema: StatementsResponseSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async (input) => {
      try {
        const response = await runStatementsTool(engine, input);
        return {
          structuredContent: response as unknown as Record<string, unknown>,
          content: [{ type: 'text', text: renderStatementsText(response) }],
        };
      } catch (error) {
        return toolError(error, engine.config.indexDir);
      }
    },
  );
  server.registerTool(
    SPEAKERS_TOOL.name,
    {
      title: SPEAKERS_TOOL.title,
      description: SPEAKERS_TOOL.description,
      inputSchema: SPEAKERS_TOOL.inputSchema,
      outputSchema: SpeakersResponseSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async (input) => {
      try {
        const list = await runSpeakersTool(engine, input);
        return {
          structuredContent: list as unknown as Record<string, unknown>,
          content: [{ type: 'text', text: renderSpeakersText(list) }],
        };
      } catch (error) {
        return toolError(error, engine.config.indexDir);
      }
    },
  );
  server.registerTool(
    ARTICLE_TOOL.name,
    {
      title: ARTICLE_TOOL.title,
      description: ARTICLE_TOOL.description,
      inputSchema: ARTICLE_TOOL.inputSchema,
      outputSchema: ArticlePageSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async (input) => {
      try {
        const article = pageOfArticle(
          publicArticle(await runArticleTool(engine, input)),
          input.offset,
          input.maxChars,
        );
        return {
          structuredContent: article as unknown as Record<string, unknown>,
          content: [{ type: 'text', text: renderArticleText(article) }],
        };
      } catch (error) {
        return toolError(error, engine.config.indexDir);
      }
    },
  );
  server.registerTool(
    COLLECTIONS_TOOL.name,
    {
      title: COLLECTIONS_TOOL.title,
      description: COLLECTIONS_TOOL.description,
      inputSchema: COLLECTIONS_TOOL.inputSchema,
      outputSchema: CorpusSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async () => {
      try {
        const summary = await engine.corpusFacts();
        return {
          structuredContent: summary as unknown as Record<string, unknown>,
          content: [{ type: 'text', text: describeCorpus(summary) }],
        };
      } catch (error) {
        return toolError(error, engine.config.indexDir);
      }
    },
  );
  return server;
}

/** `semsearch mcp`: serve the tools on stdin/stdout until the client closes the stream. */
export async function runStdioMcpServer(overrides: ConfigOverrides): Promise<void> {
  const engine = await createSearchEngine(overrides);
  const server = await createMcpServer(engine);
  const guard = createLineGuard(MCP_MESSAGE_MAX_BYTES, (bytes) => {
    process.stderr.write(`semsearch mcp: refused a ${bytes}-byte message (limit ${MCP_MESSAGE_MAX_BYTES})\n`);
    void transport.send({
      jsonrpc: '2.0',
      id: null as unknown as string,
      error: {
        code: -32600,
        message: `Message of ${bytes} bytes is over the ${MCP_MESSAGE_MAX_BYTES}-byte limit; send smaller requests.`,
      },
    });
  });
  process.stdin.pipe(guard);
  // The guard passes only lines within the limit; the SDK's own cap (which closes) stays above it.
  const transport = new StdioServerTransport(guard, process.stdout, {
    maxBufferSize: 2 * MCP_MESSAGE_MAX_BYTES,
  });
  // The SDK drops a line it cannot read without a word; JSON-RPC answers it (id null): -32700
  // for text that is not JSON, -32600 for JSON that is not a JSON-RPC message.
  transport.onerror = (error) => {
    const notJson = error instanceof SyntaxError;
    if (!notJson && error.name !== 'ZodError') return;
    process.stderr.write(`semsearch mcp: refused a message: ${notJson ? 'not JSON' : 'not JSON-RPC'}\n`);
    void transport.send({
      jsonrpc: '2.0',
      id: null as unknown as string,
      error: notJson
        ? {
            code: -32700,
            message: 'Parse error: the message is not JSON; send one JSON-RPC object per line.',
          }
        : {
            code: -32600,
            message: 'Invalid request: the message is not a JSON-RPC 2.0 request or notification.',
          },
    });
  };
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    await server.close().catch(() => undefined);
    await engine.close();
  };
  transport.onclose = () => void close();
  guard.on('end', () => void close());
  process.once('SIGINT', () => void close());
  process.once('SIGTERM', () => void close());
  await server.connect(transport);
  // A chat client keeps the server for a session: load the model and the in-memory BM25 now
  // (a failure here is reported by the tool call that meets it).
  void engine.warmUp().catch(() => undefined);
}
