/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom through @rowanmanning/feed-parser: a maintained, lenient
 * parser (it reads what it can of malformed XML rather than giving up on the whole feed) with
 * one normalised item shape for all three. Links are made absolute against the feed's URL.
 */
import { SearchError } from '../errors.js';
import { lazyRequire } from '../lazy-require.js';

// Loaded on the first feed, not by every process that imports the library.
const feedParser = lazyRequire<typeof import('@rowanmanning/feed-parser')>(
  '@rowanmanning/feed-parser',
  import.meta.url,
);

export interface FeedEntry {
  /** GUID / Atom id, when the item has one. */
  guid: string | undefined;
  /** Absolute link to the article page. */
  link: string | undefined;
  title: string | undefined;
  /** ISO timestamp. */
  published: string | undefined;
  /** The item's own HTML (content:encoded, Atom content, or the description). */
  content: string | undefined;
  author: string | undefined;
}

export interface ParsedFeed {
  title: string | undefined;
  entries: FeedEntry[];
}

/** An HTML page rather than a feed (a common misconfiguration, or a feed URL that moved). */
export function looksLikeHtml(text: string, contentType: string): boolean {
  if (
    /text\/html|application\/xhtml/i.test(contentType) &&
    !/<(rss|feed|rdf:RDF)[\s>]/i.test(text.slice(0, 4096))
  )
    return true;
  return /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype html|html)[\s>]/i.test(text.slice(0, 4096));
}

/** The feed a page announces with <link rel="alternate" type="application/rss+xml|atom+xml">. */
export function discoverFeedLink(html: string, pageUrl: string): string | undefined {
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    if (!/rel\s*=\s*["']?alternate/i.test(tag) || !/application\/(rss|atom)\+xml/i.test(tag)) continue;
    const href = /href\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    if (href) return new URL(href, pageUrl).href;
  }
  return undefined;
}

const absolute = (href: string | null, base: string) => {
  if (!href) return undefined;
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return undefined;
  }
};

export function parseFeedText(text: string, url: string): ParsedFeed {
  let feed: ReturnType<typeof import('@rowanmanning/feed-parser').parseFeed>;
  try {
    feed = feedParser().parseFeed(text);
  } catch (cause) {
    throw new SearchError('FEED_INVALID', `${url} is not an RSS or Atom feed this reader understands.`, {
      cause,
      details: { url },
    });
  }
  const entries = feed.items.map((item) => ({
    guid: item.id?.trim() || undefined,
    link: absolute(item.url, url),
    title: item.title?.trim() || undefined,
    published: (item.published ?? item.updated)?.toISOString(),
    content: item.content ?? item.description ?? undefined,
    author: item.authors[0]?.name ?? undefined,
  }));
  return { title: feed.title?.trim() || undefined, entries };
}
