/** The ingest run shared by `ingest`, `ask` (first use) and `eval --corpus`: progress, skips, summary. */
import { STORED_WITH_WARNING } from '../../errors.js';
import type { IngestSummary, LoadOptions, SearchEngine } from '../../index.js';
import { collectionClashes } from './collection-clash.js';
import { interruptController } from './engine.js';
import { err, out } from './options.js';
import { plain } from './plain.js';
import { createProgressReporter } from './progress.js';
import { renderSummary } from './render.js';
import { createWarningGate } from './repeated-warnings.js';

export interface IngestCommandOptions {
  prune?: boolean;
  include?: string[];
  exclude?: string[];
  json?: boolean;
  quiet?: boolean;
  /** Print every warning, not the first few of each kind. */
  verbose?: boolean;
  /** Ids "collection/…"; prune stays inside the collection. */
  collection?: LoadOptions['collection'];
  /** With prune: list what would be removed, remove nothing. */
  dryRun?: boolean;
  year?: number;
}

export async function runIngestCommand(
  engine: SearchEngine,
  paths: string[],
  opts: IngestCommandOptions,
): Promise<IngestSummary> {
  const tty = process.stderr.isTTY === true;
  const progress = createProgressReporter(process.stderr, tty);
  for (const warning of await collectionClashes(engine, paths, opts.collection))
    err(`${plain(`warning: ${warning}`)}\n`);
  const interrupt = interruptController();
  const warnings = createWarningGate(opts.verbose === true);
  try {
    const summary = await engine.ingestPaths(paths, {
      prune: opts.prune,
      dryRun: opts.dryRun,
      year: opts.year,
      collection: opts.collection,
      include: opts.include,
      exclude: opts.exclude,
      signal: interrupt.signal,
      onProgress: (p) => {
        if (!opts.quiet) progress.update(p);
      },
      onSkip: (s) => {
        const where = `${s.path}${s.line !== undefined ? `:${s.line}` : ''}`;
        // Messages often name the file already ("a.txt: …", "a.jsonl:2: …", "a.json[0]: …"); say it once.
        const located = s.message.startsWith(`${where}: `) || s.message.startsWith(`${s.path}[`);
        const rest = s.message.startsWith(`${s.path}: `) ? s.message.slice(s.path.length + 2) : s.message;
        const message = located ? s.message : `${where}: ${rest}`;
        const verb = STORED_WITH_WARNING.has(s.code) ? '' : 'skipped ';
        if (warnings.show(s.code, message, s.path)) err(`${plain(`warning: ${verb}${message}`)}\n`);
      },
    });
    progress.done();
    for (const line of warnings.summary()) err(`${plain(line)}\n`);
    if (opts.json) {
      const { skipped, ...rest } = summary;
      out(`${JSON.stringify({ ...rest, skipped })}\n`);
    } else {
      if (opts.dryRun) {
        const gone = summary.pruned ?? [];
        out(gone.length > 0 ? `${gone.map((id) => `would remove ${plain(id)}`).join('\n')}\n` : '');
        err(`--dry-run: ${gone.length} article(s) would be removed; nothing was removed.\n`);
      }
      // Nothing read at all (a wrong path): the warnings and the caller's error say it, not "0 new, …".
      const read =
        summary.articlesNew + summary.articlesChanged + summary.articlesUnchanged + summary.articlesRemoved;
      if (!opts.quiet && (read > 0 || summary.interrupted)) err(renderSummary(summary));
    }
    if (summary.interrupted) process.exitCode = 130;
    return summary;
  } finally {
    progress.done();
    interrupt.dispose();
  }
}
