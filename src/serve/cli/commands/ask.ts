/** `semsearch ask <question...>`: the best passages, best sentences highlighted. */
import { type Command, Option } from 'commander';
import { useColor } from '../../../config.js';
import { SearchError } from '../../../errors.js';
import type { SearchEngine, SearchFilters } from '../../../index.js';
import type { ResultsResponse } from '../../../results/index.js';
import { withEngine } from '../engine.js';
import {
  collect,
  dateOption,
  err,
  type GlobalOptions,
  intOption,
  numberOption,
  out,
  outText,
} from '../options.js';
import { createStyle } from '../render.js';
import { renderCards, renderCsv, renderFiles, renderMarkdown } from '../render-results.js';

interface AskOptions {
  k: number;
  mode: 'hybrid' | 'dense' | 'lexical';
  json?: boolean;
  minScore?: number;
  article?: string[];
  source?: string;
  collection?: string[];
  from?: string;
  to?: string;
  meta?: string[];
  place?: string;
  offset?: number;
  page?: number;
  sort?: 'relevance' | 'date';
  explain?: boolean;
  all?: boolean;
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
  if (opts.collection?.length) filters.collections = opts.collection;
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

const FLAG_OF: Record<string, string> = {
  articleIds: '--article',
  source: '--source',
  collections: '--collection',
  dateFrom: '--from',
  dateTo: '--to',
  metadata: '--meta',
};

/** An empty answer under filters: name the filter without which there would be passages. */
async function whichFilterEmptied(
  engine: SearchEngine,
  query: string,
  mode: AskOptions['mode'],
  filters: SearchFilters,
): Promise<string> {
  for (const key of Object.keys(filters) as Array<keyof SearchFilters>) {
    const { [key]: _dropped, ...rest } = filters;
    const without = await engine.search({ query, k: 1, mode, filters: rest });
    if (without.hits.length > 0) {
      const value = key === 'metadata' ? JSON.stringify(filters.metadata) : String(filters[key]);
      return `semsearch: no passages: the filter ${FLAG_OF[key] ?? key} ${value} left nothing (without it there are matches).`;
    }
  }
  return 'semsearch: no passages: nothing matches these filters (and the question); try fewer filters.';
}

export function registerAskCommand(program: Command): Command {
  return program
    .command('ask')
    .aliases(['search', 'query'])
    .description('ask a question; prints the best articles with a snippet or two, question words marked')
    .argument('<question...>', 'the question, in plain language')
    .option('-k, --k <n>', 'articles to show (1-50)', intOption('k', 1, 50), 5)
    .option('--offset <n>', 'articles to skip (for paging)', intOption('offset', 0))
    .option('--page <n>', 'page number, 1-based (pages of k articles)', intOption('page', 1))
    .addOption(new Option('--sort <order>', 'order of the results').choices(['relevance', 'date']))
    .option('--place <name>', 'only articles from this place (dateline)')
    .addOption(
      new Option('--mode <mode>', 'retrieval mode').choices(['hybrid', 'dense', 'lexical']).default('hybrid'),
    )
    .option('--article <id>', 'only this article (repeatable)', collect)
    .option('--collection <name>', 'only articles in this collection (repeatable)', collect)
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
    .option('--all', 'a card for every copy of a story (default: one card per story)')
    .option('--json', 'print the same JSON the HTTP API returns')
    .option('--md', 'print Markdown')
    .option('--csv', 'print CSV (one row per article)')
    .option('--files', 'print only the article ids, one a line')
    .action(async (words: string[], opts: AskOptions) => {
      const g = program.opts<GlobalOptions>();
      // Never build an index as a side effect of a question: the index is per user, and a
      // silent ingest of the packaged seeds would mix them into the user's own articles.
      await withEngine(
        g,
        async (engine) => {
          if (engine.config.backend === 'elasticsearch' && (await engine.stats()).articles === 0) {
            throw new SearchError(
              'INDEX_NOT_FOUND',
              'The Elasticsearch index is empty; build it with "semsearch ingest PATH --collection NAME".',
            );
          }
          const filters = filtersOf(opts);
          if (opts.page !== undefined && opts.page < 1)
            throw new SearchError('BAD_INPUT', '--page starts at 1.');
          const offset = opts.offset ?? (opts.page !== undefined ? (opts.page - 1) * opts.k : 0);
          const response = await engine.results({
            query: words.join(' '),
            limit: opts.k,
            offset,
            mode: opts.mode,
            filters,
            minScore: opts.minScore,
            place: opts.place || undefined,
            sort: opts.sort,
            // --md and --csv give each article's relevance: the calibrated figure explain carries.
            explain: opts.explain === true || opts.md === true || opts.csv === true,
            collapse: opts.all !== true,
          });
          if (response.total === 0 && filters) {
            // The reason, once, on stderr: not also "No articles match … try other words" on stdout.
            if (!opts.json) err(`${await whichFilterEmptied(engine, words.join(' '), opts.mode, filters)}\n`);
            process.exitCode = 1;
            if (!(opts.json || opts.md || opts.csv || opts.files)) return;
          }
          const forTools = opts.json || opts.md || opts.csv || opts.files;
          (forTools ? out : outText)(render(response, opts));
        },
        true,
      );
    });
}
