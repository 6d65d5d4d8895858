/** `semsearch stats`: counts, sizes, model and generation of the index; `--check` its integrity. */

import type { Command } from 'commander';
import { SearchError } from '../../../errors.js';
import type { SearchEngine } from '../../../index.js';
import { liveSourceStatus, readSourceStatus } from '../../../subscriptions/index.js';
import { withEngine } from '../engine.js';
import { type GlobalOptions, out } from '../options.js';
import { renderStats } from '../render.js';

/**
 * Read every page of the index (SQLite's integrity_check): a damaged page that no query has
 * touched yet (a zeroed page, a torn copy) is found now, not by the search that meets it.
 */
export async function checkIndex(engine: SearchEngine): Promise<void> {
  const report = (await engine.integrityCheck()).trim();
  if (report === 'ok') return;
  const lines = report.split('\n');
  throw new SearchError(
    'INDEX_CORRUPT',
    `The index in ${engine.config.indexDir} is damaged (${lines.slice(0, 3).join('; ')}${lines.length > 3 ? `; and ${lines.length - 3} more` : ''}); move the index folder away and re-ingest your files.`,
  );
}

export function registerStatsCommand(program: Command): Command {
  return program
    .command('stats')
    .description('articles, passages, model, sizes and generation of the index')
    .option('--json', 'print as JSON')
    .option('--check', 'also read every page of the index and report damage (slower)')
    .action(async (opts: { json?: boolean; check?: boolean }) => {
      await withEngine(
        program.opts<GlobalOptions>(),
        async (engine) => {
          if (opts.check) await checkIndex(engine);
          const sources = liveSourceStatus(
            readSourceStatus(engine.config.indexDir),
            await engine.collections(),
          );
          const stats = { ...(await engine.stats()), sources };
          out(opts.json ? `${JSON.stringify(stats, null, 2)}\n` : renderStats(stats));
          if (opts.check && !opts.json) out('integrity:  ok\n');
        },
        true,
      );
    });
}
