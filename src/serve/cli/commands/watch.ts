/** `semsearch watch PATH…`: keep folders' articles in the index current until Ctrl-C. */
import type { Command } from 'commander';
import { openEngine } from '../engine.js';
import { startLiveSources, untilInterrupted } from '../live-sources.js';
import type { GlobalOptions } from '../options.js';

const log = (line: string) => process.stderr.write(`semsearch: ${line}\n`);

export function registerWatchCommand(program: Command): void {
  program
    .command('watch')
    .description('ingest new and changed files and remove deleted ones as they happen, until Ctrl-C')
    .argument('<paths...>', 'folders to watch (recursive)')
    .option('--collection <name>', "collection for the articles (default: each folder's name)")
    .action(async (paths: string[], opts: { collection?: string }) => {
      const g = program.opts<GlobalOptions>();
      const quiet = g.quiet === true;
      const engine = await openEngine(g);
      try {
        const live = await startLiveSources(engine, {
          watch: paths,
          collection: opts.collection,
          log: quiet ? (l) => l.startsWith('warning') && log(l) : log,
        });
        await untilInterrupted(log);
        await live.stop();
      } finally {
        await engine.close();
      }
    });
}
