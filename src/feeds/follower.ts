/**
 * Follow feeds while the process runs (`semsearch follow`, `serve --follow`), and fetch a single
 * URL once (`semsearch ingest URL`): a feed goes in item by item, an article page as itself.
 */
import { resolve } from 'node:path';
import type { SearchEngine } from '../engine/index.js';
import { SearchError } from '../errors.js';
import { articleFromPage, readPage } from '../parse/index.js';
import { webArticleId } from './article-id.js';
import { decodeBody } from './charset.js';
import { looksLikeHtml, parseFeedText } from './feed.js';
import {
  defaultCollection,
  type FeedContext,
  ingestFeedEntries,
  type PollResult,
  pollFeed,
} from './feed-poller.js';
import { readFeedState } from './feed-state.js';
import { createPoliteClient, type PoliteClient } from './http-client.js';

/** Time between polls of a followed feed. */
export const FOLLOW_EVERY_MS = 15 * 60_000;

export interface FeedFollowerOptions {
  engine: SearchEngine;
  urls: readonly string[];
  /** @default 15 minutes */
  everyMs?: number | undefined;
  /** Collection for every feed's articles. @default each feed's host name */
  collection?: string | undefined;
  client?: PoliteClient;
  log?: ((line: string) => void) | undefined;
  /** Poll now and then on a timer; false polls only when pollNow() is called. @default true */
  autoStart?: boolean;
}

export interface FeedFollower {
  /** Poll every feed now (also what the timer does). */
  pollNow(): Promise<PollResult[]>;
  /** Stop the timer, abort requests in flight, let the running ingest finish. */
  stop(): Promise<void>;
}

/**
 * @example
 * const follower = createFeedFollower({ engine, urls: ['https://example.org/rss'], everyMs: 15 * 60_000 });
 * // ... later
 * await follower.stop();
 */
export function createFeedFollower(options: FeedFollowerOptions): FeedFollower {
  const everyMs = options.everyMs ?? FOLLOW_EVERY_MS;
  const log = options.log ?? ((line: string) => process.stderr.write(`semsearch: ${line}\n`));
  const controller = new AbortController();
  const ctx: FeedContext = {
    engine: options.engine,
    client:
      options.client ?? createPoliteClient({ allowPrivateHosts: options.engine.config.allowPrivateHosts }),
    log,
    signal: controller.signal,
  };
  for (const url of options.urls) {
    try {
      new URL(url);
    } catch (cause) {
      throw new SearchError('BAD_INPUT', `${url} is not a URL; give the feed's full address.`, { cause });
    }
  }
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<PollResult[]> = Promise.resolve([]);
  let stopped = false;

  // Feeds on different hosts are polled side by side; the client keeps one request per host.
  // pollFeed turns network and feed problems into warnings; what is left (the index locked by
  // another writer, a full disk) is logged here so that one feed cannot stop the others.
  const pollOne = async (url: string): Promise<PollResult> => {
    const collection = options.collection ?? defaultCollection(url);
    try {
      return await pollFeed(ctx, url, collection);
    } catch (error) {
      const message = `${url}: ${(error as Error).message}`;
      log(`warning: ${message}`);
      return {
        url,
        collection,
        notModified: false,
        entries: 0,
        ingested: 0,
        seenBefore: 0,
        warnings: [message],
        error: message,
      };
    }
  };
  const pollAll = () => Promise.all(options.urls.map(pollOne));
  const tick = () => {
    timer = undefined;
    running = running.then(pollAll);
    void running.finally(() => {
      if (!stopped) timer = setTimeout(tick, everyMs);
    });
  };
  if (options.autoStart === false) return { pollNow: () => pollAll(), stop: async () => controller.abort() };
  tick();
  log(
    `following ${options.urls.length} feed${options.urls.length === 1 ? '' : 's'}, every ${Math.round(everyMs / 1000)} s`,
  );

  return {
    pollNow() {
      running = running.then(pollAll);
      return running;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      controller.abort();
      await running.catch(() => undefined);
    },
  };
}

/**
 * `semsearch ingest URL`: a feed's new items, or one article page. Feed state is shared with
 * `follow`, so items ingested here are not fetched again by a later follow.
 */
export async function ingestUrl(
  engine: SearchEngine,
  url: string,
  options: {
    collection?: string | undefined;
    client?: PoliteClient;
    log?: ((line: string) => void) | undefined;
  } = {},
): Promise<PollResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`semsearch: ${line}\n`));
  const client = options.client ?? createPoliteClient({ allowPrivateHosts: engine.config.allowPrivateHosts });
  const collection = options.collection ?? defaultCollection(url);
  const feedAddresses = new Set<string>();
  const ctx: FeedContext = { engine, client, log, feedAddresses };
  const response = await client.get(url, { trust: { addresses: feedAddresses, userGiven: true } });
  const text = decodeBody(response.body, response.contentType, (m) => log(`warning: ${url}: ${m}`));
  if (!looksLikeHtml(text, response.contentType)) {
    const feed = parseFeedText(text, url);
    const state = readFeedState(resolve(engine.config.indexDir), url);
    return ingestFeedEntries(ctx, url, collection, feed, state, response);
  }
  const page = await readPage(text); // on a worker thread, as the feed's pages (feed-poller.ts)
  if (!page) {
    throw new SearchError('EMPTY_DOCUMENT', `${url} has no readable article text; nothing was ingested.`);
  }
  const article = articleFromPage(webArticleId(collection, url), page, { collection, link: url });
  article.source ??= new URL(response.url).hostname;
  const summary = await engine.ingestArticles([article]);
  const ingested = summary.articlesNew + summary.articlesChanged;
  log(`${url}: ${ingested ? 'ingested' : 'unchanged'} "${article.title}" in "${collection}"`);
  return {
    url,
    collection,
    notModified: false,
    entries: 1,
    ingested,
    seenBefore: 0,
    warnings: [],
    error: null,
  };
}
