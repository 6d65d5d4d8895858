/**
 * The archive at a glance, for the search page's first screen: articles per month, the newest
 * articles and when each collection last changed. Each backend answers it with aggregates and
 * one short sorted read; no article is read whole.
 */
import type { ArticleListing } from './store-listing.js';

export interface ArchiveRequest {
  /** Newest articles to return. */
  newest: number;
  /** Only newest articles dated on or after / on or before these (full dates, as filters compare them). */
  dateFrom?: string | undefined;
  dateTo?: string | undefined;
}

export interface ArchiveOverview {
  /** Articles per month ("2019-05") of their full dates, oldest first; a year-only date counts as "2019". */
  months: Array<{ month: string; articles: number }>;
  /** Articles without a full date (none, or "--01-22"). */
  undated: number;
  /** The newest articles: by full date, newest first, then the last added. */
  newest: ArticleListing[];
  /** Collections with their article counts and the time the last of them was stored, by name. */
  collections: Array<{ name: string; articles: number; updatedAt: string }>;
}

/** Most newest articles one overview returns. */
export const ARCHIVE_NEWEST_MAX = 100;
