/** Work done one piece at a time: a writer's lock in one process, a graph that must not change mid-search. */

/**
 * A queue that runs the work given to it one piece at a time, in call order: each piece starts
 * once the one before has settled, whether it succeeded or failed.
 */
export function serialQueue(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (work) => {
    const run = tail.then(() => work());
    tail = run.catch(() => undefined);
    return run;
  };
}
