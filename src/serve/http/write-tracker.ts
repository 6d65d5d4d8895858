/**
 * In-flight API writes, so shutdown can wait for them before it closes the model and the
 * database under them; once draining, new writes are refused with 503.
 */
import type { MiddlewareHandler } from 'hono';
import { SearchError } from '../../errors.js';

export interface WriteTracker {
  /** Run a write; refused once `drain` has been called. */
  run<T>(write: () => Promise<T>): Promise<T>;
  /** Refuse new writes and wait until the running ones have settled. */
  drain(): Promise<void>;
  readonly inFlight: number;
}

export function createWriteTracker(): WriteTracker {
  const running = new Set<Promise<unknown>>();
  let draining = false;
  return {
    async run(write) {
      if (draining)
        throw new SearchError('NOT_READY', 'The server is shutting down; retry on its next start.');
      const p = write();
      running.add(p);
      try {
        return await p;
      } finally {
        running.delete(p);
      }
    },
    async drain() {
      draining = true;
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    get inFlight() {
      return running.size;
    },
  };
}

/**
 * Middleware for write routes: the whole request, from its first byte read to its answer, is
 * one tracked write, so a shutdown that starts while the body is still arriving waits for it.
 */
export function trackWrite(writes: WriteTracker): MiddlewareHandler {
  return async (_c, next) => {
    await writes.run(() => next());
  };
}
