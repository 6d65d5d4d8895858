/**
 * One poll of one feed: a conditional GET, then each item not seen before is fetched, its main
 * text extracted, and all new articles go into the index in one batch. Every problem (a dead
 * link, a timeout, a 429, an item without link) is a warning naming the URL; the rest of the
 * feed still goes in. Items that failed for a passing reason are tried again on the next poll.
 */
import { resolve } from 'node:path';
import type { SearchEngine } from '../engine/index.js';
import { isSearchError, SearchError } from '../errors.js';
import { type Article, articleFromPage, type ExtractedPage, isoDay, readPage } from '../parse/index.js';
import { updateSourceStatus } from '../subscriptions/index.js';
import { webArticleId } from './article-id.js';
import { decodeBody } from './charset.js';
import { discoverFeedLink, type FeedEntry, looksLikeHtml, type ParsedFeed, parseFeedText } from './feed.js';
import { type FeedState, readFeedState, writeFeedState } from './feed-state.js';
import type { FetchResult, PoliteClient } from './http-client.js';

const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';
const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

export interface FeedContext {
  engine: SearchEngine;
  client: PoliteClient;
  log: (line: string) => void;
  signal?: AbortSignal | undefined;
  /** Private addresses of the feed's own host, which its items may link to (learned on its fetch). */
  feedAddresses?: Set<string> | undefined;
}

export interface PollResult {
  url: string;
  collection: string;
  notModified: boolean;
  /** Items in the feed document. */
  entries: number;
  /** New articles written to the index. */
  ingested: number;
  /** Items skipped because they were seen before. */
  seenBefore: number;
  warnings: string[];
  /**
   * Why the feed itself could not be read (not fetched, not a feed, not parsed); null when it
   * was read, whatever happened to its items (those are warnings).
   */
  error: string | null;
}

/** The collection a feed's articles go into unless one is given: the feed's host name. */
export function defaultCollection(url: string): string {
  return new URL(url).hostname;
}

/** A passing failure (timeout, 429/503, 5xx, network) is retried; a 404/410 or a bad page is not. */
function isRetryable(error: unknown): boolean {
  if (!isSearchError(error)) return true;
  if (error.code === 'RATE_LIMITED') return true;
  if (error.code !== 'FETCH_FAILED') return false;
  const status = error.details?.status;
  return typeof status !== 'number' || status >= 500;
}

async function entryArticle(
  ctx: FeedContext,
  entry: FeedEntry,
  id: string,
  metadata: Record<string, unknown>,
  feedTitle: string | undefined,
): Promise<Article | undefined> {
  let page: ExtractedPage | undefined;
  if (entry.link) {
    const res = await ctx.client.get(entry.link, {
      accept: PAGE_ACCEPT,
      signal: ctx.signal,
      trust: { addresses: ctx.feedAddresses ?? new Set() },
    });
    // On a worker thread: a deep page read here held the server's /health for seconds.
    page = await readPage(decodeBody(res.body, res.contentType)).catch((error: Error) => {
      throw new SearchError('BAD_INPUT', `${entry.link}: ${error.message}`);
    });
  }
  // No page, or nothing readable on it: the feed's own copy of the item, if it carries one.
  if (!page && entry.content)
    page = await readPage(`<html><body><article>${entry.content}</article></body></html>`);
  if (!page) return undefined;
  const article = articleFromPage(id, page, metadata);
  article.title = article.title || entry.title || id;
  article.date ??= isoDay(entry.published);
  article.source ??= feedTitle;
  if (!article.metadata.byline && entry.author) article.metadata.byline = entry.author;
  if (!article.metadata.published && entry.published) article.metadata.published = entry.published;
  return article;
}

/** Fetch and ingest a parsed feed's new items; updates seen items, validators and status. */
export async function ingestFeedEntries(
  ctx: FeedContext,
  feedUrl: string,
  collection: string,
  feed: ParsedFeed,
  state: FeedState,
  response: Pick<FetchResult, 'etag' | 'lastModified'>,
): Promise<PollResult> {
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    ctx.log(`warning: ${message}`);
  };
  const now = new Date().toISOString();
  const articles: Article[] = [];
  const keysOf = new Map<string, string[]>();
  let seenBefore = 0;
  let retryLater = false;
  for (const [i, entry] of feed.entries.entries()) {
    if (ctx.signal?.aborted) {
      retryLater = true;
      break;
    }
    const guidKey = entry.guid ? `guid:${entry.guid}` : undefined;
    const linkKey = entry.link ? `link:${entry.link}` : undefined;
    const keys = [guidKey, linkKey].filter((k): k is string => k !== undefined);
    if (keys.length === 0) {
      warn(
        `${feedUrl}: item ${i + 1} (${entry.title ?? 'untitled'}) has neither a link nor a GUID; skipped.`,
      );
      continue;
    }
    if (keys.some((k) => k in state.seen)) {
      seenBefore++;
      if (guidKey && !(guidKey in state.seen)) {
        warn(`${feedUrl}: ${entry.link} came back with a new GUID (${entry.guid}); not fetched again.`);
        state.seen[guidKey] = now;
      }
      continue;
    }
    const id = webArticleId(collection, entry.link ?? entry.guid ?? '');
    // Stored with the article: a link or GUID the entry lacks is left out, not kept as undefined.
    const metadata: Record<string, string> = { collection, feed: feedUrl };
    if (entry.link) metadata.link = entry.link;
    if (entry.guid) metadata.guid = entry.guid;
    try {
      const article = await entryArticle(ctx, entry, id, metadata, feed.title);
      if (article) {
        articles.push(article);
        keysOf.set(article.id, keys);
      } else {
        warn(`${entry.link ?? feedUrl}: no readable article text; skipped.`);
        for (const k of keys) state.seen[k] = now;
      }
    } catch (error) {
      warn((error as Error).message);
      if (isRetryable(error)) retryLater = true;
      else for (const k of keys) state.seen[k] = now; // gone (404/410) or unusable: never fetched again
    }
  }
  let ingested = 0;
  if (articles.length > 0) {
    const summary = await ctx.engine.ingestArticles(articles);
    ingested = summary.articlesNew + summary.articlesChanged;
    state.articles = (state.articles ?? 0) + summary.articlesNew;
    for (const s of summary.skipped) warn(`${feedUrl}: ${s.message}`);
    // Refused articles (empty, too large) are marked seen too: fetching them again changes nothing.
    for (const article of articles) for (const k of keysOf.get(article.id) ?? []) state.seen[k] = now;
  }
  // Validators are kept only when nothing needs another try; otherwise the next poll must get
  // the whole feed again rather than a 304.
  if (!retryLater) {
    state.etag = response.etag;
    state.lastModified = response.lastModified;
  }
  writeFeedState(resolve(ctx.engine.config.indexDir), feedUrl, state);
  updateSourceStatus(resolve(ctx.engine.config.indexDir), 'feed', feedUrl, {
    collection,
    lastCheck: now,
    lastChange: ingested > 0 ? now : undefined,
    addErrors: warnings.length,
    lastError: warnings.length > 0 ? (warnings[warnings.length - 1] ?? null) : undefined,
    articles: state.articles ?? 0,
  });
  if (ingested > 0)
    ctx.log(`${feedUrl}: ${ingested} new article${ingested === 1 ? '' : 's'} in "${collection}"`);
  return {
    url: feedUrl,
    collection,
    notModified: false,
    entries: feed.entries.length,
    ingested,
    seenBefore,
    warnings,
    error: null,
  };
}

/** One conditional poll of a feed. Never throws for network or feed problems: they are warnings. */
export async function pollFeed(
  context: FeedContext,
  feedUrl: string,
  collection = defaultCollection(feedUrl),
): Promise<PollResult> {
  const ctx: FeedContext = { ...context, feedAddresses: new Set() };
  const indexDir = resolve(ctx.engine.config.indexDir);
  const state = readFeedState(indexDir, feedUrl);
  const result: PollResult = {
    url: feedUrl,
    collection,
    notModified: false,
    entries: 0,
    ingested: 0,
    seenBefore: 0,
    warnings: [],
    error: null,
  };
  const fail = (message: string) => {
    ctx.log(`warning: ${message}`);
    result.warnings.push(message);
    result.error = message;
    updateSourceStatus(indexDir, 'feed', feedUrl, {
      collection,
      lastCheck: new Date().toISOString(),
      addErrors: 1,
      lastError: message,
    });
    return result;
  };
  let response: FetchResult;
  try {
    response = await ctx.client.get(feedUrl, {
      etag: state.etag,
      lastModified: state.lastModified,
      accept: FEED_ACCEPT,
      signal: ctx.signal,
      trust: { addresses: ctx.feedAddresses ?? new Set(), userGiven: true },
    });
  } catch (error) {
    return fail((error as Error).message);
  }
  if (response.notModified) {
    updateSourceStatus(indexDir, 'feed', feedUrl, { collection, lastCheck: new Date().toISOString() });
    return { ...result, notModified: true };
  }
  const text = decodeBody(response.body, response.contentType, (m) => ctx.log(`warning: ${feedUrl}: ${m}`));
  if (looksLikeHtml(text, response.contentType)) {
    const alternate = discoverFeedLink(text, response.url);
    return fail(
      `${feedUrl} is an HTML page, not a feed${alternate ? `; the page names its feed ${alternate}: follow that` : '; use "semsearch ingest URL" for a single article'}.`,
    );
  }
  let feed: ParsedFeed;
  try {
    feed = parseFeedText(text, feedUrl);
  } catch (error) {
    return fail((error as Error).message);
  }
  return ingestFeedEntries(ctx, feedUrl, collection, feed, state, response);
}
