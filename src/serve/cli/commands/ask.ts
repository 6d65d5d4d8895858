/** `semsearch ask <question...>`: the best passages, best sentences highlighted. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, Option } from 'commander';
import { packageRoot, resolveConfig, useColor } from '../../../config.js';
import { SearchError } from '../../../errors.js';
import { DATABASE_FILE, type SearchFilters } from '../../../index.js';
import { type ResultsResponse, runResults } from '../../results/index.js';
import { withEngine } from '../engine.js';
import {
  collect,
  dateOption,
  err,
  type GlobalOptions,
  intOption,
  numberOption,
  out,
  overridesOf,
} from '../options.js';
import { createStyle } from '../render.js';
import { renderCards, renderCsv, renderFiles, renderMarkdown } from '../render-results.js';
import { runIngestCommand } from '../run-ingest.js';

interface AskOptions {
  k: number;
  mode: 'hybrid' | 'dense' | 'lexical';
  json?: boolean;
  minScore?: number;
  article?: string[];
  source?: string;
  from?: string;
  to?: string;
  meta?: string[];
  place?: string;
  offset?: number;
  page?: number;
  sort?: 'relevance' | 'date';
  explain?: boolean;
  md?: boolean;
  csv?: boolean;
  files?: boolean;
}

function render(response: ResultsResponse, opts: AskOptions): string {
  if (opts.json) return `${JSON.stringify(response, null, 2)}\n`;
  if (opts.md) return renderMarkdown(response);
  if (opts.csv) return renderCsv(response);
  if (opts.files) return renderFiles(response);
  return renderCards(response, createStyle(useColor(process.stdout)));
}

function filtersOf(opts: AskOptions): SearchFilters | undefined {
  const filters: SearchFilters = {};
  if (opts.article?.length) filters.articleIds = opts.article;
  if (opts.source) filters.source = opts.source;
  if (opts.from) filters.dateFrom = opts.from;
  if (opts.to) filters.dateTo = opts.to;
  if (opts.meta?.length) {
    const metadata: Record<string, string> = {};
    for (const pair of opts.meta) {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new SearchError('BAD_INPUT', `--meta takes key=value, got "${pair}".`);
      metadata[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    filters.metadata = metadata;
  }
  return Object.keys(filters).length > 0 ? filters : undefined;
}

export function registerAskCommand(program: Command): Command {
  return program
    .command('ask')
    .description('ask a question; prints the best articles with a snippet or two, question words marked')
    .argument('<question...>', 'the question, in plain language')
    .option('-k, --k <n>', 'articles to show (1-50)', intOption('k'), 5)
    .option('--offset <n>', 'articles to skip (for paging)', intOption('offset'))
    .option('--page <n>', 'page number, 1-based (pages of k articles)', intOption('page'))
    .addOption(new Option('--sort <order>', 'order of the results').choices(['relevance', 'date']))
    .option('--place <name>', 'only articles from this place (dateline)')
    .addOption(
      new Option('--mode <mode>', 'retrieval mode').choices(['hybrid', 'dense', 'lexical']).default('hybrid'),
    )
    .option('--article <id>', 'only this article (repeatable)', collect)
    .option('--source <name>', 'only articles from this source, e.g. TASS')
    .option(
      '--from <date>',
      'only articles dated on or after (ISO date: 2018, 2018-01, 2018-01-01 or --01-01)',
      dateOption,
    )
    .option('--to <date>', 'only articles dated on or before', dateOption)
    .option('--meta <key=value>', 'only articles whose metadata key equals value (repeatable)', collect)
    .option(
      '--min-score <x>',
      'drop hits whose relevance is below x (0-1; 0.5 = more likely relevant than not)',
      numberOption,
    )
    .option('--explain', 'show every score behind each result')
    .option('--json', 'print the same JSON the HTTP API returns')
    .option('--md', 'print Markdown')
    .option('--csv', 'print CSV (one row per article)')
    .option('--files', 'print only the article ids, one a line')
    .action(async (words: string[], opts: AskOptions) => {
      const g = program.opts<GlobalOptions>();
      const config = resolveConfig(overridesOf(g));
      // Before opening: opening the embedded backend creates its database file.
      const noDatabase = !existsSync(join(config.indexDir, DATABASE_FILE));
      await withEngine(g, async (engine) => {
        const fresh = config.backend === 'elasticsearch' ? (await engine.stats()).articles === 0 : noDatabase;
        if (fresh) {
          const where = config.backend === 'elasticsearch' ? 'the Elasticsearch cluster' : config.indexDir;
          err(
            `semsearch: no index in ${where} yet; building it from ${join(packageRoot(), 'seeds')} first\n`,
          );
          await runIngestCommand(engine, [join(packageRoot(), 'seeds')], {});
        }
        const filters = filtersOf(opts);
        if (opts.page !== undefined && opts.page < 1)
          throw new SearchError('BAD_INPUT', '--page starts at 1.');
        const offset = opts.offset ?? (opts.page !== undefined ? (opts.page - 1) * opts.k : 0);
        const response = await runResults(engine, {
          query: words.join(' '),
          limit: opts.k,
          offset,
          mode: opts.mode,
          ...(filters ? { filters } : {}),
          ...(opts.minScore !== undefined ? { minScore: opts.minScore } : {}),
          ...(opts.place ? { place: opts.place } : {}),
          ...(opts.sort ? { sort: opts.sort } : {}),
          ...(opts.explain ? { explain: true } : {}),
        });
        out(render(response, opts));
      });
    });
}
