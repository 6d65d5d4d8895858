/** `semsearch stats`: counts, sizes, model and generation of the index. */

import type { Command } from 'commander';
import { readSourceStatus } from '../../../subscriptions/index.js';
import { withEngine } from '../engine.js';
import { type GlobalOptions, out } from '../options.js';
import { renderStats } from '../render.js';

export function registerStatsCommand(program: Command): Command {
  return program
    .command('stats')
    .description('articles, passages, model, sizes and generation of the index')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      await withEngine(
        program.opts<GlobalOptions>(),
        async (engine) => {
          const stats = { ...(await engine.stats()), sources: readSourceStatus(engine.config.indexDir) };
          out(opts.json ? `${JSON.stringify(stats, null, 2)}\n` : renderStats(stats));
        },
        true,
      );
    });
}
