/** `semsearch ingest [paths...]`: add or update articles from files, folders and corpora. */
import { join } from 'node:path';
import type { Command } from 'commander';
import { packageRoot } from '../../../config.js';
import { withEngine } from '../engine.js';
import { collect, err, type GlobalOptions } from '../options.js';
import { runIngestCommand } from '../run-ingest.js';

export function registerIngestCommand(program: Command): Command {
  return program
    .command('ingest')
    .description('add or update articles from files, folders (recursive) or .jsonl corpora; default seeds/')
    .argument('[paths...]', 'files or folders (.txt .md .html .json .jsonl)')
    .option('--include <glob>', 'only files matching this glob (repeatable)', collect)
    .option('--exclude <glob>', 'skip files matching this glob (repeatable)', collect)
    .option('--prune', 'remove indexed articles not found in these paths')
    .option('--json', 'print the summary as one JSON object')
    .action(
      async (
        paths: string[],
        opts: { include?: string[]; exclude?: string[]; prune?: boolean; json?: boolean },
      ) => {
        const g = program.opts<GlobalOptions>();
        const summary = await withEngine(g, (engine) =>
          runIngestCommand(engine, paths.length > 0 ? paths : [join(packageRoot(), 'seeds')], {
            ...opts,
            quiet: g.quiet === true,
          }),
        );
        const usable = summary.articlesNew + summary.articlesChanged + summary.articlesUnchanged;
        if (usable === 0 && summary.articlesRemoved === 0 && !summary.interrupted) {
          err(
            summary.skipped.length > 0
              ? `semsearch: nothing was ingested: all ${summary.skipped.length} input(s) were skipped (see the warnings above); check the paths and formats.\n`
              : 'semsearch: nothing was ingested: no .txt .md .html .json or .jsonl files were found; check the paths and --include/--exclude.\n',
          );
          process.exitCode = 1;
        }
      },
    );
}
