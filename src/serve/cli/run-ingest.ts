/** The ingest run shared by `ingest`, `ask` (first use) and `eval --corpus`: progress, skips, summary. */
import type { IngestSummary, SearchEngine } from '../../index.js';
import { interruptController } from './engine.js';
import { err, out } from './options.js';
import { plain } from './plain.js';
import { createProgressReporter } from './progress.js';
import { renderSummary } from './render.js';

export interface IngestCommandOptions {
  prune?: boolean;
  include?: string[];
  exclude?: string[];
  json?: boolean;
  quiet?: boolean;
}

export async function runIngestCommand(
  engine: SearchEngine,
  paths: string[],
  opts: IngestCommandOptions,
): Promise<IngestSummary> {
  const tty = process.stderr.isTTY === true;
  const progress = createProgressReporter(process.stderr, tty);
  const interrupt = interruptController();
  try {
    const summary = await engine.ingestPaths(paths, {
      ...(opts.prune ? { prune: true } : {}),
      ...(opts.include ? { include: opts.include } : {}),
      ...(opts.exclude ? { exclude: opts.exclude } : {}),
      signal: interrupt.signal,
      onProgress: (p) => {
        if (!opts.quiet) progress.update(p);
      },
      onSkip: (s) => {
        progress.done();
        err(
          `${plain(`warning: skipped ${s.path}${s.line !== undefined ? `:${s.line}` : ''}: ${s.message}`)}\n`,
        );
      },
    });
    progress.done();
    if (opts.json) {
      const { skipped, ...rest } = summary;
      out(`${JSON.stringify({ ...rest, skipped })}\n`);
    } else if (!opts.quiet) err(renderSummary(summary));
    if (summary.interrupted) process.exitCode = 130;
    return summary;
  } finally {
    interrupt.dispose();
  }
}
