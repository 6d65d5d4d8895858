/**
 * `semsearch follow URL… --every 15m`: poll feeds and ingest each new item until Ctrl-C
 * (`--once` polls once and exits); and `ingest URL`, which `ingest` dispatches here.
 */
import type { Command } from 'commander';
import type { SearchEngine } from '../../../engine/index.js';
import { createFeedFollower, ingestUrl, type PollResult, parseDuration } from '../../../feeds/index.js';
import { openEngine } from '../engine.js';
import { untilInterrupted } from '../live-sources.js';
import type { GlobalOptions } from '../options.js';

const log = (line: string) => process.stderr.write(`semsearch: ${line}\n`);

export const isUrl = (arg: string) => /^https?:\/\//i.test(arg);

/** What one poll of a feed that brought nothing new says (a poll that did logs its count). */
export function nothingNewLine(r: PollResult): string | undefined {
  // Items that failed say so in their warnings; a page (`ingest URL`) says whether it changed.
  if (r.error !== null || r.ingested > 0 || r.seenBefore !== r.entries) return undefined;
  if (r.notModified) return `${r.url}: not changed since the last poll; no new items`;
  if (r.entries === 0) return `${r.url}: the feed has no items`;
  return `${r.url}: no new items (all ${r.entries} seen before)`;
}

/**
 * Each feed's outcome: a line for a feed with nothing new (JSON lines with --json), and exit
 * code 1 when a feed could not be read at all, so that cron sees it.
 */
export function reportPolls(results: PollResult[], json: boolean | undefined): void {
  for (const r of results) {
    if (json) process.stdout.write(`${JSON.stringify(r)}\n`);
    else {
      const line = nothingNewLine(r);
      if (line) log(line);
    }
  }
  const failed = results.filter((r) => r.error !== null);
  if (failed.length > 0) {
    log(
      `${failed.length} of ${results.length} feed${results.length === 1 ? '' : 's'} could not be read (see the warning${failed.length === 1 ? '' : 's'} above)`,
    );
    process.exitCode = 1;
  }
}

/** `semsearch ingest URL…`: each URL once, a feed's new items or a single article page. */
export async function ingestUrls(
  engine: SearchEngine,
  urls: readonly string[],
  opts: { collection?: string; json?: boolean } = {},
): Promise<PollResult[]> {
  const results: PollResult[] = [];
  for (const url of urls) {
    results.push(await ingestUrl(engine, url, { collection: opts.collection || undefined, log }));
  }
  reportPolls(results, opts.json);
  return results;
}

export function registerFollowCommand(program: Command): void {
  program
    .command('follow')
    .description('poll RSS/Atom feeds and ingest each new article, until Ctrl-C')
    .argument('<urls...>', 'feed URLs')
    .option('--every <duration>', 'time between polls, e.g. 30s, 15m, 2h', '15m')
    .option('--collection <name>', "collection for the articles (default: each feed's host name)")
    .option('--once', 'poll each feed once, then exit')
    .option('--json', 'with --once: print one JSON line per feed')
    .option('--allow-private-hosts', 'let feeds lead to loopback, private and link-local addresses')
    .action(
      async (
        urls: string[],
        opts: {
          every: string;
          collection?: string;
          once?: boolean;
          json?: boolean;
          allowPrivateHosts?: boolean;
        },
      ) => {
        const everyMs = parseDuration(opts.every);
        const g = program.opts<GlobalOptions>();
        const engine = await openEngine({ ...g, allowPrivateHosts: opts.allowPrivateHosts });
        try {
          const follower = createFeedFollower({
            engine,
            urls,
            everyMs,
            collection: opts.collection || undefined,
            log,
            autoStart: opts.once !== true,
          });
          if (opts.once) {
            reportPolls(await follower.pollNow(), opts.json);
          } else {
            await untilInterrupted(log);
          }
          await follower.stop();
        } finally {
          await engine.close();
        }
      },
    );
}
