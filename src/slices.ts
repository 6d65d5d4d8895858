/**
 * Long synchronous work done in slices: a server's HTTP thread answers between two of them
 * (`/health` stays live while a 5,000-passage article is cut up and added to the graph).
 */
import { performance } from 'node:perf_hooks';

/** The longest stretch of work between two turns of the event loop. */
export const SLICE_MS = 10;

/** A turn for the event loop: timers, I/O and other requests run before this resolves. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Run `steps` to its end, yielding to the event loop whenever `SLICE_MS` has gone by (at most
 * between two of its steps); what it returns.
 */
export async function runInSlices<R>(steps: Generator<unknown, R>): Promise<R> {
  let sliceStart = performance.now();
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}

/** Call `each` on every item, yielding to the event loop whenever `SLICE_MS` has gone by. */
export function inSlices<T>(items: Iterable<T>, each: (item: T) => void): Promise<void> {
  return runInSlices(
    (function* () {
      for (const item of items) {
        each(item);
        yield;
      }
    })(),
  );
}
