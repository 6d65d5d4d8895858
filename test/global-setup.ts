/**
 * Once per run of the integration project (vitest.config.ts; unit tests need neither): compile
 * the CLI (integration tests run the built binary) and convert the default model into the
 * cache, so suites running in parallel do not race to convert it.
 */
import { execFileSync } from 'node:child_process';
import { resolveConfig } from '../src/config.js';
import { prepareDefaultModel } from '../src/embed/index.js';

export default async function setup(): Promise<void> {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
  await prepareDefaultModel(resolveConfig({}).modelCacheDir);
}
