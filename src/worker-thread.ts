/**
 * Start a worker thread from a module beside the caller: a compiled build runs `<entry>.js`;
 * from TypeScript sources (tests, tsx) the worker first registers tsx's loader on its own
 * thread (loader hooks of the parent thread, or `--import` in a worker's execArgv, do not reach
 * a worker's entry on Node 20).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** `callerUrl` is the caller's `import.meta.url`; `entry` a module name beside it, without extension. */
export function spawnWorker(callerUrl: string, entry: string, workerData: unknown): Worker {
  // No inherited flags: `--input-type` or `-e` (a process started with inline code) break a
  // worker's start, and nothing the workers need comes from them.
  const base = { workerData, execArgv: [] };
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${entry}.js`, callerUrl), base);
  const source = new URL(`./${entry}.ts`, callerUrl).href;
  const api = pathToFileURL(
    join(
      dirname(createRequire(fileURLToPath(callerUrl)).resolve('tsx/package.json')),
      'dist',
      'esm',
      'api',
      'index.mjs',
    ),
  ).href;
  const boot = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { ...base, eval: true });
}
