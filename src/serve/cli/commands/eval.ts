/** `semsearch eval`: nDCG@10, MRR@10 and Recall@100 over a queries/qrels pair. */
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { SearchError } from '../../../errors.js';
import { evaluate, readQueries } from '../../../index.js';
import { withEngine } from '../engine.js';
import { err, type GlobalOptions, out } from '../options.js';
import { runIngestCommand } from '../run-ingest.js';

interface EvalOptions {
  queries: string;
  qrels: string;
  corpus?: string;
  mode: 'hybrid' | 'dense' | 'lexical';
  run?: string;
  json?: boolean;
}

export function registerEvalCommand(program: Command): Command {
  return program
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
    .action(async (opts: EvalOptions) => {
      const g = program.opts<GlobalOptions>();
      await withEngine(
        g,
        async (engine) => {
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
            run: run ? (line: string) => run.write(`${line}\n`) : undefined,
          });
          if (run) await new Promise<void>((resolve) => run.end(resolve));
          if (result.judgedFound === 0 && result.queries > 0) {
            const judged = qrels
              .split('\n')
              .find((l) => l.trim() && !/^query/i.test(l))
              ?.split(/\s+/);
            err(
              `warning: no article the index ranked is judged in ${opts.qrels}: the ids do not match (the index has ids like "${result.sampleId ?? '?'}", the qrels "${judged?.at(-2) ?? '?'}"); every score is 0. Ingest the corpus with "semsearch eval --corpus FILE" into an empty --index.\n`,
            );
          }
          if (opts.json) out(`${JSON.stringify(result)}\n`);
          else {
            out(`queries ${result.queries} · mode ${result.mode}\n`);
            out(
              `nDCG@10    ${result.ndcg10.toFixed(4)}\nMRR@10     ${result.mrr10.toFixed(4)}\nRecall@100 ${result.recall100.toFixed(4)}\n`,
            );
          }
        },
        opts.corpus === undefined,
      );
    });
}
