/** `semsearch serve`: the HTTP API, search page and MCP endpoint. */
import type { Command } from 'commander';
import { type GlobalOptions, intOption, overridesOf } from '../options.js';

export function registerServeCommand(program: Command): Command {
  return program
    .command('serve')
    .description('run the HTTP API (and the search page and MCP endpoint) on 127.0.0.1')
    .option('--host <host>', 'bind address; anything but loopback needs an API key (env SEMSEARCH_HOST)')
    .option('--port <port>', 'port (env SEMSEARCH_PORT)', intOption('port'))
    .action(async (opts: { host?: string; port?: number }) => {
      const g = program.opts<GlobalOptions>();
      const { startHttpServer } = await import('../../http/index.js');
      await startHttpServer({
        ...overridesOf(g),
        ...(opts.host ? { host: opts.host } : {}),
        ...(opts.port ? { port: opts.port } : {}),
      });
    });
}
