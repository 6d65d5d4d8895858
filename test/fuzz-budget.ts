/**
 * Property tests on a time budget, so a loaded machine runs fewer cases instead of tripping a
 * timeout. A property always runs `minRuns` cases, however slow the machine, then more, up to
 * `runs`, while its `seconds` last. Cases drawn after that are generated but not run: a case
 * already running is never abandoned (fast-check's interruptAfterTimeLimit would leave it
 * running behind the test, against an engine the test then closes). Once a case fails the
 * budget no longer applies, so fast-check shrinks the failure as usual.
 */
import fc from 'fast-check';

export interface FuzzBudget {
  /** Cases to run when the machine keeps up. */
  runs: number;
  /** Cases that run whatever the time: the least a run of the test is worth. */
  minRuns: number;
  /** Wall-clock seconds after which no further case starts (once `minRuns` have run). */
  seconds: number;
}

/** fc.assert over an async property, within `budget`; resolves to the number of cases run. */
export async function assertWithinBudget<Ts extends [unknown, ...unknown[]]>(
  budget: FuzzBudget,
  arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
  /** As fast-check's: fails by throwing or by returning false. */
  predicate: (...args: Ts) => unknown,
): Promise<number> {
  const started = Date.now();
  const deadline = started + budget.seconds * 1000;
  let ran = 0;
  let failing = false;
  const withinBudget = async (...args: Ts): Promise<boolean> => {
    if (!failing && ran >= budget.minRuns && Date.now() > deadline) return true;
    ran++;
    try {
      const held = (await predicate(...args)) !== false;
      if (!held) failing = true;
      return held;
    } catch (error) {
      failing = true;
      throw error;
    }
  };
  await fc.assert(fc.asyncProperty<Ts>(...arbitraries, withinBudget), { numRuns: budget.runs });
  if (ran < budget.runs) {
    const took = ((Date.now() - started) / 1000).toFixed(1);
    console.info(`fuzz budget: ${ran} of ${budget.runs} cases in ${took} s (${budget.seconds} s budget)`);
  }
  return ran;
}
