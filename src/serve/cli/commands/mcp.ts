/** `semsearch mcp`: the MCP server over stdio. */
import type { Command } from 'commander';
import { type GlobalOptions, overridesOf } from '../options.js';

export function registerMcpCommand(program: Command): Command {
  return program
    .command('mcp')
    .description('run the MCP server over stdio (for chat tools)')
    .action(async () => {
      const { runStdioMcpServer } = await import('../../mcp/index.js');
      await runStdioMcpServer({ ...overridesOf(program.opts<GlobalOptions>()), logLevel: 'error' });
    });
}
