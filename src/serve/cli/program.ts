/**
 * The `semsearch` command tree: global options, then one `register…Command(program)` per
 * command file under `commands/`.
 */
import { Command, Option } from 'commander';
import { registerAskCommand } from './commands/ask.js';
import { registerDocumentCommands } from './commands/documents.js';
import { registerEvalCommand } from './commands/eval.js';
import { registerFollowCommand } from './commands/follow.js';
import { registerIngestCommand } from './commands/ingest.js';
import { registerMcpCommand } from './commands/mcp.js';
import { registerModelCommand } from './commands/model.js';
import { registerQuotesCommand } from './commands/quotes.js';
import { registerServeCommand } from './commands/serve.js';
import { registerSpeakersCommand } from './commands/speakers.js';
import { registerStatsCommand } from './commands/stats.js';
import { registerWatchCommand } from './commands/watch.js';
import { err, out } from './options.js';

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
    .option('-v, --verbose', 'print error details, stack traces and housekeeping lines (index compaction)')
    .option('-q, --quiet', 'print no log lines')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: err, writeOut: out });

  registerIngestCommand(program);
  registerAskCommand(program);
  registerQuotesCommand(program);
  registerSpeakersCommand(program);
  registerServeCommand(program);
  registerMcpCommand(program);
  registerStatsCommand(program);
  registerDocumentCommands(program);
  registerEvalCommand(program);
  registerModelCommand(program);
  registerWatchCommand(program);
  registerFollowCommand(program);
  return program;
}
