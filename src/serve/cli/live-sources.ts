/**
 * Watched folders and followed feeds running beside something else (a `watch`/`follow` command
 * or the HTTP server), on one engine, with one stop() for shutdown: watchers stop first, the
 * running batch finishes, and only then may the caller close the engine.
 */

import type { SearchEngine } from '../../engine/index.js';
import { createFeedFollower, type FeedFollower, parseDuration } from '../../feeds/index.js';
import { createFolderWatcher, type FolderWatcher } from '../../watch/index.js';

export interface LiveSourcesOptions {
  watch?: readonly string[];
  follow?: readonly string[];
  /** Poll interval for feeds, e.g. "15m". */
  every?: string;
  /** An empty name counts as none. */
  collection?: string | undefined;
  log?: (line: string) => void;
}

export interface LiveSources {
  watchers: FolderWatcher[];
  follower: FeedFollower | undefined;
  stop(): Promise<void>;
}

export async function startLiveSources(
  engine: SearchEngine,
  options: LiveSourcesOptions,
): Promise<LiveSources> {
  const everyMs = options.every ? parseDuration(options.every) : undefined;
  const watchers: FolderWatcher[] = [];
  let follower: FeedFollower | undefined;
  const stop = async () => {
    await Promise.all([...watchers.map((w) => w.stop()), follower?.stop()]);
  };
  try {
    for (const path of options.watch ?? []) {
      watchers.push(
        await createFolderWatcher({
          engine,
          path,
          collection: options.collection || undefined,
          log: options.log,
        }),
      );
    }
    if (options.follow?.length) {
      follower = createFeedFollower({
        engine,
        urls: options.follow,
        everyMs,
        collection: options.collection || undefined,
        log: options.log,
      });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { watchers, follower, stop };
}

export interface ServeLiveOptions {
  watch?: string[];
  follow?: string[];
  every: string;
}

export const wantsLiveSources = (opts: ServeLiveOptions) =>
  (opts.watch?.length ?? 0) + (opts.follow?.length ?? 0) > 0;

/**
 * `serve --watch/--follow`: start the sources on the server's engine and take over its signal
 * handling, so that shutdown stops them (finishing the current batch) before the engine closes.
 */
export async function attachLiveSources(
  server: { engine: SearchEngine; close(): Promise<void> },
  opts: ServeLiveOptions,
): Promise<LiveSources> {
  const log = (line: string) => process.stderr.write(`semsearch: ${line}\n`);
  let live: LiveSources;
  try {
    live = await startLiveSources(server.engine, { ...opts, log });
  } catch (error) {
    await server.close(); // a bad --watch path must not leave a server running without its sources
    throw error;
  }
  void untilInterrupted(log).then(async () => {
    await live.stop();
    await server.close();
    log('stopped');
  });
  return live;
}

/** Resolve when the user asks to stop (Ctrl-C or SIGTERM); a second Ctrl-C quits at once. */
export function untilInterrupted(log: (line: string) => void): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      process.once('SIGINT', () => {
        log('quitting now');
        process.exit(130);
      });
      log(`${signal}: stopping watchers and feeds, finishing the current batch (Ctrl-C again to quit now)`);
      resolve(signal);
    };
    const onInt = () => onSignal('SIGINT');
    const onTerm = () => onSignal('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
  });
}
