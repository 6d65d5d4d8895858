/** `semsearch model`: convert and cache the default model, or verify the cache. */
import { join } from 'node:path';
import type { Command } from 'commander';
import { resolveConfig } from '../../../config.js';
import { isModelCacheValid, prepareDefaultModel } from '../../../embed/index.js';
import { err, type GlobalOptions, out, overridesOf } from '../options.js';

export function registerModelCommand(program: Command): Command {
  return program
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
        force: opts.force,
      });
      if (opts.json) out(`${JSON.stringify(result)}\n`);
      else
        out(
          result.converted
            ? `model converted into ${result.dir}\n`
            : `model cache already valid: ${result.dir}\n`,
        );
    });
}
