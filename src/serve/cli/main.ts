/**
 * The `semsearch` command: ingest, ask, serve, mcp, stats, eval, model.
 * Exit codes: 0 success, 1 error (one line on stderr; details with --verbose), 2 bad usage.
 */
import { createWriteStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { type ConfigOverrides, packageRoot, resolveConfig, useColor } from '../../config.js';
import { isModelCacheValid, prepareDefaultModel } from '../../embed/index.js';
import { isSearchError, SearchError } from '../../errors.js';
import {
  createSearchEngine,
  DATABASE_FILE,
  evaluate,
  readQueries,
  type SearchEngine,
  type SearchFilters,
} from '../../index.js';
import { createProgressReporter } from './progress.js';
import { createStyle, renderHits, renderStats, renderSummary } from './render.js';

interface GlobalOptions {
  index?: string;
  model?: string;
  dtype?: 'fp32' | 'q8';
  config?: string;
  verbose?: boolean;
  quiet?: boolean;
  backend?: 'embedded' | 'elasticsearch';
  esUrl?: string;
}

const out = (s: string) => process.stdout.write(s);
const err = (s: string) => process.stderr.write(s);

function intOption(name: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n)) throw new InvalidArgumentError(`${name} must be a whole number.`);
    return n;
  };
}

function numberOption(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new InvalidArgumentError('must be a number.');
  return n;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function overridesOf(g: GlobalOptions): ConfigOverrides {
  return {
    ...(g.index !== undefined ? { indexDir: g.index } : {}),
    ...(g.model !== undefined ? { model: g.model } : {}),
    ...(g.dtype !== undefined ? { dtype: g.dtype } : {}),
    ...(g.config !== undefined ? { configFile: g.config } : {}),
    ...(g.quiet ? { logLevel: 'error' as const } : {}),
    ...(g.backend !== undefined ? { backend: g.backend } : {}),
    ...(g.esUrl !== undefined ? { esUrl: g.esUrl } : {}),
  };
}

async function openEngine(g: GlobalOptions, mustExist = false): Promise<SearchEngine> {
  return createSearchEngine({ ...overridesOf(g), mustExist });
}

/** Ctrl-C once: stop after the current batch, keeping what is committed. Twice: quit now. */
function interruptController(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) {
      err('\nsemsearch: quitting now\n');
      process.exit(130);
    }
    err('\nsemsearch: stopping after the current batch (Ctrl-C again to quit now)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigint);
    },
  };
}

async function runIngestCommand(
  engine: SearchEngine,
  paths: string[],
  opts: { prune?: boolean; include?: string[]; exclude?: string[]; json?: boolean; quiet?: boolean },
) {
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
        err(`warning: skipped ${s.path}${s.line !== undefined ? `:${s.line}` : ''}: ${s.message}\n`);
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

function filtersOf(opts: {
  article?: string[];
  source?: string;
  from?: string;
  to?: string;
  meta?: string[];
}): SearchFilters | undefined {
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

export function buildProgram(): Command {
  const program = new Command('semsearch')
    .description(
      'Local semantic search over news articles: ingest files, then ask questions in plain language.',
    )
    .version('0.1.0')
    .option('--index <dir>', 'index folder (env SEMSEARCH_INDEX)', undefined)
    .option(
      '--model <model>',
      'embedding model: "default", a local folder, or a hub id (env SEMSEARCH_MODEL)',
    )
    .addOption(
      new Option(
        '--dtype <dtype>',
        'model weights: q8 (int8, default) or fp32 (env SEMSEARCH_DTYPE)',
      ).choices(['fp32', 'q8']),
    )
    .option('--config <file>', 'JSON config file (env SEMSEARCH_CONFIG)')
    .addOption(
      new Option('--backend <kind>', 'where the index lives (env SEMSEARCH_BACKEND)').choices([
        'embedded',
        'elasticsearch',
      ]),
    )
    .option('--es-url <url>', 'Elasticsearch node URL(s), comma-separated (env SEMSEARCH_ES_URL)')
    .option('-v, --verbose', 'print error details and stack traces')
    .option('-q, --quiet', 'print no log lines')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: err, writeOut: out });

  program
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
        const engine = await openEngine(program.opts<GlobalOptions>());
        try {
          await runIngestCommand(engine, paths.length > 0 ? paths : [join(packageRoot(), 'seeds')], {
            ...opts,
            quiet: program.opts<GlobalOptions>().quiet === true,
          });
        } finally {
          await engine.close();
        }
      },
    );

  program
    .command('ask')
    .description('ask a question; prints the best passages with their best sentences highlighted')
    .argument('<question...>', 'the question, in plain language')
    .option('-k, --k <n>', 'passages to show (1-100)', intOption('k'), 5)
    .addOption(
      new Option('--mode <mode>', 'retrieval mode').choices(['hybrid', 'dense', 'lexical']).default('hybrid'),
    )
    .option('--article <id>', 'only this article (repeatable)', collect)
    .option('--source <name>', 'only articles from this source, e.g. TASS')
    .option('--from <date>', 'only articles dated on or after (ISO date, e.g. 2018-01-01 or --01-01)')
    .option('--to <date>', 'only articles dated on or before')
    .option('--meta <key=value>', 'only articles whose metadata key equals value (repeatable)', collect)
    .option('--min-score <x>', 'drop hits with a fused score below x (0-1)', numberOption)
    .option('--json', 'print the same JSON the HTTP API returns')
    .action(
      async (
        words: string[],
        opts: {
          k: number;
          mode: 'hybrid' | 'dense' | 'lexical';
          json?: boolean;
          minScore?: number;
          article?: string[];
          source?: string;
          from?: string;
          to?: string;
          meta?: string[];
        },
      ) => {
        const g = program.opts<GlobalOptions>();
        const config = resolveConfig(overridesOf(g));
        // Before opening: opening the embedded backend creates its database file.
        const noDatabase = !existsSync(join(config.indexDir, DATABASE_FILE));
        const engine = await openEngine(g);
        const fresh = config.backend === 'elasticsearch' ? (await engine.stats()).articles === 0 : noDatabase;
        try {
          if (fresh) {
            err(
              `semsearch: no index in ${config.backend === 'elasticsearch' ? config.esUrl : config.indexDir} yet; building it from ${join(packageRoot(), 'seeds')} first\n`,
            );
            await runIngestCommand(engine, [join(packageRoot(), 'seeds')], {});
          }
          const filters = filtersOf(opts);
          const response = await engine.search({
            query: words.join(' '),
            k: opts.k,
            mode: opts.mode,
            ...(filters ? { filters } : {}),
            ...(opts.minScore !== undefined ? { minScore: opts.minScore } : {}),
          });
          out(
            opts.json
              ? `${JSON.stringify(response, null, 2)}\n`
              : renderHits(response, createStyle(useColor(process.stdout))),
          );
        } finally {
          await engine.close();
        }
      },
    );

  program
    .command('serve')
    .description('run the HTTP API (and the search page and MCP endpoint) on 127.0.0.1')
    .option('--host <host>', 'bind address; anything but loopback needs an API key (env SEMSEARCH_HOST)')
    .option('--port <port>', 'port (env SEMSEARCH_PORT)', intOption('port'))
    .action(async (opts: { host?: string; port?: number }) => {
      const g = program.opts<GlobalOptions>();
      const { startHttpServer } = await import('../http/index.js');
      await startHttpServer({
        ...overridesOf(g),
        ...(opts.host ? { host: opts.host } : {}),
        ...(opts.port ? { port: opts.port } : {}),
      });
    });

  program
    .command('mcp')
    .description('run the MCP server over stdio (for chat tools)')
    .action(async () => {
      const { runStdioMcpServer } = await import('../mcp/index.js');
      await runStdioMcpServer({ ...overridesOf(program.opts<GlobalOptions>()), logLevel: 'error' });
    });

  program
    .command('stats')
    .description('articles, passages, model, sizes and generation of the index')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      const engine = await openEngine(program.opts<GlobalOptions>(), true);
      try {
        const stats = await engine.stats();
        out(opts.json ? `${JSON.stringify(stats, null, 2)}\n` : renderStats(stats));
      } finally {
        await engine.close();
      }
    });

  program
    .command('eval')
    .description('score retrieval: nDCG@10, MRR@10, Recall@100 at article level')
    .requiredOption('--queries <file>', 'queries.jsonl ({"id", "text"} per line)')
    .requiredOption('--qrels <file>', 'qrels.tsv (query_id, doc_id, relevance)')
    .option('--corpus <file>', 'ingest this corpus.jsonl into the index first (incremental)')
    .addOption(
      new Option('--mode <mode>', 'retrieval mode').choices(['hybrid', 'dense', 'lexical']).default('hybrid'),
    )
    .option('--run <file>', 'write a TREC run file (up to 1000 articles a query)')
    .option('--json', 'print the figures as JSON')
    .action(
      async (opts: {
        queries: string;
        qrels: string;
        corpus?: string;
        mode: 'hybrid' | 'dense' | 'lexical';
        run?: string;
        json?: boolean;
      }) => {
        const g = program.opts<GlobalOptions>();
        const engine = await openEngine(g, opts.corpus === undefined);
        try {
          if (opts.corpus) await runIngestCommand(engine, [opts.corpus], { json: false });
          const queries = readQueries(opts.queries);
          const qrels = await readFile(opts.qrels, 'utf8').catch((cause: unknown) => {
            throw new SearchError('NOT_FOUND', `Cannot read ${opts.qrels}; check the --qrels path.`, {
              cause,
            });
          });
          const run = opts.run ? createWriteStream(opts.run) : undefined;
          const result = await evaluate(engine, queries, qrels, {
            mode: opts.mode,
            ...(run ? { run: (line: string) => run.write(`${line}\n`) } : {}),
          });
          if (run) await new Promise<void>((resolve) => run.end(resolve));
          if (opts.json) out(`${JSON.stringify(result)}\n`);
          else {
            out(`queries ${result.queries} · mode ${result.mode}\n`);
            out(
              `nDCG@10    ${result.ndcg10.toFixed(4)}\nMRR@10     ${result.mrr10.toFixed(4)}\nRecall@100 ${result.recall100.toFixed(4)}\n`,
            );
          }
        } finally {
          await engine.close();
        }
      },
    );

  program
    .command('model')
    .description('prepare (convert and cache) or verify the default model; downloads nothing')
    .option('--verify', 'only check the cache; exit 1 if it is missing or corrupt')
    .option('--force', 'convert again even if the cache is valid')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { verify?: boolean; force?: boolean; json?: boolean }) => {
      const config = resolveConfig(overridesOf(program.opts<GlobalOptions>()));
      const dir = join(config.modelCacheDir, 'all-MiniLM-L6-v2');
      if (opts.verify) {
        const valid = isModelCacheValid(dir);
        if (opts.json) out(`${JSON.stringify({ dir, valid })}\n`);
        else
          out(
            valid
              ? `model cache valid: ${dir}\n`
              : `model cache missing or corrupt: ${dir} (run: semsearch model)\n`,
          );
        if (!valid) process.exitCode = 1;
        return;
      }
      const result = await prepareDefaultModel(config.modelCacheDir, {
        log: (l) => err(`semsearch: ${l}\n`),
        ...(opts.force ? { force: true } : {}),
      });
      if (opts.json) out(`${JSON.stringify(result)}\n`);
      else
        out(
          result.converted
            ? `model converted into ${result.dir}\n`
            : `model cache already valid: ${result.dir}\n`,
        );
    });

  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  program.exitOverride();
  for (const cmd of program.commands) cmd.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; everything else commander rejects is bad usage.
      process.exitCode =
        error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0
          ? 0
          : 2;
      return;
    }
    const verbose = program.opts<GlobalOptions>().verbose === true;
    if (isSearchError(error)) {
      err(`semsearch: ${error.message}\n`);
      if (verbose && error.cause) err(`cause: ${(error.cause as Error).stack ?? String(error.cause)}\n`);
    } else {
      err(`semsearch: unexpected error: ${(error as Error).message} (run with --verbose for details)\n`);
    }
    if (verbose) err(`${(error as Error).stack ?? ''}\n`);
    process.exitCode = 1;
  }
}

await main(process.argv);
