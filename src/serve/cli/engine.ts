/** Opening the engine for a command, and Ctrl-C handling for long writes. */
import { resolveConfig } from '../../config.js';
import { createSearchEngine, type SearchEngine } from '../../index.js';
import { err, type GlobalOptions, overridesOf } from './options.js';

export async function openEngine(g: GlobalOptions, mustExist = false): Promise<SearchEngine> {
  const resolved = resolveConfig(overridesOf(g));
  const quiet = resolved.logLevel === 'silent' || resolved.logLevel === 'error';
  // Log lines through err: on a line of their own above an ingest's progress bar.
  const log = quiet ? () => {} : (line: string) => err(`semsearch: ${line}\n`);
  return createSearchEngine({ resolved, mustExist, log });
}

/** Run `body` with an engine and close it afterwards, whatever happens. */
export async function withEngine<T>(
  g: GlobalOptions,
  body: (engine: SearchEngine) => Promise<T>,
  mustExist = false,
): Promise<T> {
  const engine = await openEngine(g, mustExist);
  try {
    return await body(engine);
  } finally {
    await engine.close();
  }
}

/** Ctrl-C once: stop after the current batch, keeping what is committed. Twice: quit now. */
export function interruptController(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) {
      err('\nsemsearch: quitting now\n');
      process.exit(130);
    }
    err('\nsemsearch: stopping after the current batch (Ctrl-C again to quit now)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigint);
    },
  };
}
