/**
 * The bench's own packages (bench/package.json: the peers it compares semsearch with and the
 * HTTP load generator) stay out of the project's install. They live in bench/node_modules,
 * installed from bench/package-lock.json the first time a bench needs them. Only the modules in
 * bench/third-party import them; they are loaded through `importThirdParty`, after the install,
 * and type-checked by bench/tsconfig.json (the project's tsconfig leaves them out, so that it
 * passes without bench/node_modules).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const BENCH_DIR = import.meta.dirname;

/** The bench's packages that are not in bench/node_modules yet. */
function missingPackages(): string[] {
  const manifest = JSON.parse(readFileSync(join(BENCH_DIR, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
  return names.filter((name) => !existsSync(join(BENCH_DIR, 'node_modules', name, 'package.json')));
}

/**
 * Installs bench/package-lock.json's versions into bench/node_modules when any is missing.
 * `npm install` rather than `npm ci`: npm 11 leaves other platforms' optional packages out of a
 * lock it writes on this registry, and `npm ci` would refuse such a lock (as for the project's).
 */
export function ensureBenchPackages(): void {
  const missing = missingPackages();
  if (missing.length === 0) return;
  console.error(`bench: installing its own packages into bench/node_modules (${missing.join(', ')} missing)`);
  execFileSync('npm', ['install', '--prefix', BENCH_DIR, '--no-audit', '--no-fund'], {
    stdio: ['ignore', process.stderr, process.stderr],
  });
  const still = missingPackages();
  if (still.length > 0) throw new Error(`bench: npm install left out ${still.join(', ')}`);
}

/**
 * A module of bench/third-party (`file` relative to it), once the bench's packages are
 * installed. `T` is the shape the caller expects; the module states that it has it by
 * exporting values typed with the caller's own types, which bench/tsconfig.json checks.
 */
export async function importThirdParty<T>(file: string): Promise<T> {
  ensureBenchPackages();
  return (await import(pathToFileURL(join(BENCH_DIR, 'third-party', file)).href)) as T;
}
