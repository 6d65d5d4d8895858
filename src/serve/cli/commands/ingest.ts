/** `semsearch ingest [paths...]`: add or update articles from files, folders and corpora. */
import { join } from 'node:path';
import type { Command } from 'commander';
import { packageRoot } from '../../../config.js';
import { defaultCollection } from '../../../parse/index.js';
import { withEngine } from '../engine.js';
import { collect, collectionOption, err, type GlobalOptions, usageError, yearOption } from '../options.js';
import { runIngestCommand } from '../run-ingest.js';
import { ingestUrls, isUrl } from './follow.js';

export function registerIngestCommand(program: Command): Command {
  return program
    .command('ingest')
    .description('add or update articles from files, folders (recursive), .jsonl corpora or URLs')
    .argument('[paths...]', 'files or folders (.txt .md .html .json .jsonl)')
    .option('--include <glob>', 'only files matching this glob (repeatable)', collect)
    .option('--exclude <glob>', 'skip files matching this glob (repeatable)', collect)
    .option('--prune', "remove this collection's articles whose files are gone from these paths")
    .option('--dry-run', 'with --prune: list what would be removed, remove nothing')
    .option(
      '--collection <name>',
      'collection: ids become NAME/relative-path (default: the folder\'s name, "default" for a file; for URLs the host name)',
      collectionOption,
    )
    .option(
      '--year <yyyy>',
      'year of datelines that give none (else a semsearch.meta.json sidecar)',
      yearOption,
    )
    .option('--json', 'print the summary as one JSON object')
    .option(
      '--allow-private-hosts',
      'with URLs: let feeds lead to loopback, private and link-local addresses',
    )
    .action(
      async (
        args: string[],
        opts: {
          include?: string[];
          exclude?: string[];
          prune?: boolean;
          dryRun?: boolean;
          year?: number;
          json?: boolean;
          collection?: string;
          allowPrivateHosts?: boolean;
        },
      ) => {
        const g = program.opts<GlobalOptions>();
        if (opts.dryRun && !opts.prune) return usageError('--dry-run goes with --prune.');
        // No default: the index is the user's own, and the two demo articles are not news of theirs.
        if (args.length === 0) return usageError(noPathsMessage());
        const paths = args.filter((a) => !isUrl(a));
        const urls = args.filter(isUrl);
        const summary = await withEngine(
          { ...g, allowPrivateHosts: opts.allowPrivateHosts },
          async (engine) => {
            if (urls.length > 0) await ingestUrls(engine, urls, opts);
            if (paths.length === 0 && urls.length > 0) return undefined;
            return runIngestCommand(engine, paths, {
              ...opts,
              collection: opts.collection ?? defaultCollection,
              quiet: g.quiet === true,
              verbose: g.verbose === true,
            });
          },
        );
        if (!summary) return;
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

/** What a bare `ingest` says: what to give it, and where the demo articles are. */
export function noPathsMessage(): string {
  return `ingest needs the files, folders or URLs to add, e.g. "semsearch ingest ~/news". To try it on the two demo articles that come with semsearch, run "semsearch ingest ${join(packageRoot(), 'seeds')}"`;
}
