/**
 * Worker threads: starting one from a module beside the caller (a compiled build runs
 * `<entry>.js`; from TypeScript sources, tests and tsx, the worker first registers tsx's loader
 * on its own thread: loader hooks of the parent thread, or `--import` in a worker's execArgv, do
 * not reach a worker's entry on Node 20); errors across the thread boundary; and, on the
 * worker's side, closing only after the work under way.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type ErrorCode, isSearchError, SearchError } from './errors.js';

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

/** Work under way on a worker thread: closing its resources waits for it. */
export function createRunningWork() {
  const running = new Set<Promise<unknown>>();
  return {
    /** Track `work` until it settles (it is not awaited here: handle its outcome yourself). */
    add(work: Promise<unknown>): void {
      const forget = () => running.delete(work);
      running.add(work);
      work.then(forget, forget);
    },
    /** Once everything under way has settled: `release`, then `done` (even if `release` failed). */
    closeAfter(release: () => Promise<void>, done: () => void): void {
      void Promise.allSettled([...running])
        .then(release)
        .finally(done);
    },
  };
}

/** An error as it crosses a thread boundary (structured-cloned): a SearchError keeps its code and details. */
export interface WireError {
  /** A SearchError's code, or undefined for anything else (answered as an internal error). */
  code: string | undefined;
  message: string;
  details?: Record<string, unknown> | undefined;
}

/** `fallbackCode`: the code of an error that is not a SearchError (else it stays without one). */
export function errorToWire(error: unknown, fallbackCode?: ErrorCode): WireError {
  const message = (error as Error)?.message ?? String(error);
  return isSearchError(error)
    ? { code: error.code, message: error.message, details: error.details }
    : { code: fallbackCode, message };
}

/** The error on this side: a SearchError when it has a code, else a plain Error. */
export function errorFromWire(error: WireError): Error {
  return error.code
    ? new SearchError(error.code as ErrorCode, error.message, { details: error.details })
    : new Error(error.message);
}

/** How a call to a worker ends besides its answer. */
export interface WorkerCall {
  /** The worker's name in the error when it stops ("the page reader"). */
  name: string;
  /** Give up after this long: the worker is lost and the call rejects with `timeout()`. */
  limitMs?: number | undefined;
  timeout?: (() => Error) | undefined;
  /** The call is over (answered or not): the caller may let an idle worker go. */
  settled: () => void;
  /** The worker cannot answer any more (it failed, stopped, or ran out of time): forget it. */
  lost: () => void;
}

/**
 * Post `message` to `w` and settle with the worker's reply of the same id: its value, or its
 * error as a SearchError. The worker keeps the process up while the reply is awaited.
 */
export function callWorker<R extends { id: number; error?: WireError | undefined }, M extends { id: number }>(
  w: Worker,
  message: M,
  call: WorkerCall,
): Promise<R> {
  w.ref();
  return new Promise<R>((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
      call.settled();
    };
    const timer =
      call.limitMs === undefined
        ? undefined
        : setTimeout(() => {
            done();
            call.lost();
            reject(call.timeout?.() ?? new Error(`${call.name} took over ${call.limitMs} ms`));
          }, call.limitMs);
    const onMessage = (m: R) => {
      if (m.id !== message.id) return;
      done();
      if (m.error) reject(errorFromWire(m.error));
      else resolve(m);
    };
    const onError = (error: Error) => {
      done();
      call.lost();
      reject(error);
    };
    const onExit = (code: number) => onError(new Error(`${call.name} stopped (exit ${code})`));
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
    w.postMessage(message);
  });
}
