/**
 * What a feed reader must remember between polls, in `feeds.json` in the index folder: each
 * feed's validators (ETag, Last-Modified) for conditional requests, and the items seen, by GUID
 * and by link, so an item is never fetched twice, even when a feed re-issues it with a new GUID.
 */
import { join } from 'node:path';
import { readJsonFile, writeJsonFileAtomic } from '../subscriptions/index.js';

export const FEEDS_FILE = 'feeds.json';
/** Seen keys kept per feed; the oldest are forgotten first (feeds list recent items only). */
export const SEEN_KEYS_MAX = 10_000;

export interface FeedState {
  etag?: string | undefined;
  lastModified?: string | undefined;
  /** Articles ingested from this feed so far. */
  articles?: number;
  /** "guid:…" / "link:…" → ISO time first seen. */
  seen: Record<string, string>;
}

type State = Record<string, FeedState>;

export function readFeedState(indexDir: string, feedUrl: string): FeedState {
  const state = readJsonFile<State>(join(indexDir, FEEDS_FILE), {});
  const entry = state[feedUrl];
  return { ...entry, seen: { ...(entry?.seen ?? {}) } };
}

export function writeFeedState(indexDir: string, feedUrl: string, feed: FeedState): void {
  const path = join(indexDir, FEEDS_FILE);
  const state = readJsonFile<State>(path, {});
  const keys = Object.keys(feed.seen);
  if (keys.length > SEEN_KEYS_MAX) {
    const oldest = keys.sort((a, b) => (feed.seen[a] ?? '').localeCompare(feed.seen[b] ?? ''));
    for (const key of oldest.slice(0, keys.length - SEEN_KEYS_MAX)) delete feed.seen[key];
  }
  state[feedUrl] = feed;
  writeJsonFileAtomic(path, state);
}
