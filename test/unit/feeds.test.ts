/** Small parts of feed following: durations, Retry-After, charsets, titles, HTML sniffing, ages. */
import { describe, expect, it } from 'vitest';
import {
  decodeBody,
  discoverFeedLink,
  looksLikeHtml,
  parseDuration,
  parseFeedText,
  retryAfterMs,
} from '../../src/feeds/index.js';
import { stripSiteSuffix } from '../../src/parse/index.js';
import { formatAgo } from '../../src/subscriptions/index.js';

describe('feed helpers', () => {
  it('parses durations and refuses nonsense', () => {
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(() => parseDuration('soon')).toThrow(/not a duration/);
    expect(() => parseDuration('0m')).toThrow(/not a duration/);
  });

  it('reads Retry-After in seconds or as a date', () => {
    expect(retryAfterMs('120')).toBe(120_000);
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(retryAfterMs('Mon, 23 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs(null)).toBe(60_000);
  });

  it('decodes by header, XML declaration or <meta charset>', () => {
    const latin = Buffer.from('caf\xe9', 'latin1');
    expect(decodeBody(latin, 'text/html; charset=windows-1252')).toBe('café');
    expect(
      decodeBody(Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><t>'), latin]), ''),
    ).toContain('café');
    expect(
      decodeBody(Buffer.concat([Buffer.from('<meta charset="windows-1252"><p>'), latin]), 'text/html'),
    ).toContain('café');
    expect(decodeBody(Buffer.from('café'), '')).toBe('café');
    const warnings: string[] = [];
    expect(decodeBody(Buffer.from('ok'), 'text/html; charset=klingon', (m) => warnings.push(m))).toBe('ok');
    expect(warnings).toEqual(['unknown charset "klingon", read as UTF-8']);
  });

  it('strips a site suffix from titles, and only a suffix', () => {
    expect(stripSiteSuffix('Storm closes port | The Daily Planet', 'The Daily Planet')).toBe(
      'Storm closes port',
    );
    expect(stripSiteSuffix('Harbour reopens after three-day storm - Gazette')).toBe(
      'Harbour reopens after three-day storm',
    );
    expect(stripSiteSuffix('Japan - Russia talks')).toBe('Japan - Russia talks');
  });

  it('tells HTML from feeds and finds the feed a page announces', () => {
    const page =
      '<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head></html>';
    expect(looksLikeHtml(page, 'text/html')).toBe(true);
    expect(looksLikeHtml('<?xml version="1.0"?><rss version="2.0"></rss>', 'text/html')).toBe(false);
    expect(discoverFeedLink(page, 'http://127.0.0.1:9/news/page')).toBe('http://127.0.0.1:9/feed.xml');
    expect(() => parseFeedText('<html><body>hi</body></html>', 'http://127.0.0.1:9/x')).toThrow(
      expect.objectContaining({ code: 'FEED_INVALID' }),
    );
  });

  it('formats ages', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    expect(formatAgo(null, now)).toBe('never');
    expect(formatAgo('2026-11-23T11:59:40Z', now)).toBe('just now');
    expect(formatAgo('2026-11-23T11:56:00Z', now)).toBe('4 minutes ago');
    expect(formatAgo('2026-11-23T09:00:00Z', now)).toBe('3 hours ago');
    expect(formatAgo('2026-11-20T12:00:00Z', now)).toBe('3 days ago');
  });
});
