/** Feeds: follow RSS/Atom feeds and fetch article pages, politely. */
export { webArticleId } from './article-id.js';
export { decodeBody } from './charset.js';
export { parseDuration } from './duration.js';
export { discoverFeedLink, type FeedEntry, looksLikeHtml, type ParsedFeed, parseFeedText } from './feed.js';
export { defaultCollection, type FeedContext, type PollResult, pollFeed } from './feed-poller.js';
export { FEEDS_FILE, type FeedState, readFeedState, SEEN_KEYS_MAX } from './feed-state.js';
export {
  createFeedFollower,
  type FeedFollower,
  type FeedFollowerOptions,
  FOLLOW_EVERY_MS,
  ingestUrl,
} from './follower.js';
export {
  createPoliteClient,
  FEED_USER_AGENT,
  type FetchOptions,
  type FetchResult,
  HTTP_MAX_BYTES,
  HTTP_MAX_REDIRECTS,
  HTTP_TIMEOUT_MS,
  type PoliteClient,
  type PoliteClientOptions,
  RETRY_AFTER_MAX_WAIT_MS,
  retryAfterMs,
} from './http-client.js';
