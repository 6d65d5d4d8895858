/** `semsearch serve`: the HTTP API, search page and MCP endpoint. */
import type { Command } from 'commander';
import { attachLiveSources, type ServeLiveOptions, wantsLiveSources } from '../live-sources.js';
import { collect, type GlobalOptions, intOption, overridesOf } from '../options.js';

export function registerServeCommand(program: Command): Command {
  return program
    .command('serve')
    .description('run the HTTP API (and the search page and MCP endpoint) on 127.0.0.1')
    .option('--host <host>', 'bind address; anything but loopback needs an API key (env SEMSEARCH_HOST)')
    .option('--port <port>', 'port (env SEMSEARCH_PORT)', intOption('port'))
    .option(
      '--search-workers <n>',
      'threads answering searches (0 = on the HTTP thread) (env SEMSEARCH_SEARCH_WORKERS, default 2)',
      intOption('search-workers'),
    )
    .option('--watch <path>', 'also watch this folder and keep its articles current (repeatable)', collect)
    .option('--follow <url>', 'also follow this RSS/Atom feed (repeatable)', collect)
    .option('--every <duration>', 'with --follow: time between polls', '15m')
    .option(
      '--allow-private-hosts',
      'with --follow: let feeds lead to loopback, private and link-local addresses',
    )
    .action(
      async (
        opts: {
          host?: string;
          port?: number;
          searchWorkers?: number;
          allowPrivateHosts?: boolean;
        } & ServeLiveOptions,
      ) => {
        const g = program.opts<GlobalOptions>();
        const { startHttpServer } = await import('../../http/index.js');
        const server = await startHttpServer(
          {
            ...overridesOf({ ...g, allowPrivateHosts: opts.allowPrivateHosts }),
            host: opts.host || undefined,
            port: opts.port,
            searchWorkers: opts.searchWorkers,
          },
          { handleSignals: !wantsLiveSources(opts) },
        );
        if (wantsLiveSources(opts)) await attachLiveSources(server, opts);
      },
    );
}
