/**
 * The `semsearch` entry point: parse argv, run the command, map errors to exit codes.
 * Exit codes: 0 success, 1 error (one line on stderr; details with --verbose), 2 bad usage.
 * Not run on import: `bin/semsearch.js` calls `main(process.argv)`.
 */
import { CommanderError } from 'commander';
import { isSearchError } from '../../errors.js';
import { err, type GlobalOptions } from './options.js';
import { plain } from './plain.js';
import { buildProgram } from './program.js';

export { buildProgram } from './program.js';

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
      err(`semsearch: ${plain(error.message)}\n`);
      if (verbose && error.cause) err(`cause: ${(error.cause as Error).stack ?? String(error.cause)}\n`);
    } else {
      err(
        `semsearch: unexpected error: ${plain((error as Error).message)} (run with --verbose for details)\n`,
      );
    }
    if (verbose) err(`${(error as Error).stack ?? ''}\n`);
    process.exitCode = 1;
  }
}
