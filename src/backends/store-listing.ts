/** What a store lists and counts: articles a page at a time, the corpus, its size. */

/** One article in a listing: what `ls` shows, without the text. */
export interface ArticleListing {
  id: string;
  title: string;
  collection: string | null;
  date: string | null;
  source: string | null;
  sourcePath: string | null;
  passageCount: number;
  updatedAt: string;
  /** The story (copies share one): the id of its first stored article. */
  story: string;
}

export interface ArticleListOptions {
  collection?: string | undefined;
  /** Only articles that have copies, grouped by story (stories in id order). */
  copies?: boolean | undefined;
  offset?: number | undefined;
  /** @default LIST_LIMIT_DEFAULT, at most LIST_LIMIT_MAX */
  limit?: number | undefined;
}

export const LIST_LIMIT_DEFAULT = 100;
/** Articles one listing call returns at most. */
export const LIST_LIMIT_MAX = 1000;

/** The page a listing asks for, within bounds. */
export function listWindow(options: ArticleListOptions): { offset: number; limit: number } {
  return {
    offset: Math.max(options.offset ?? 0, 0),
    limit: Math.min(Math.max(options.limit ?? LIST_LIMIT_DEFAULT, 0), LIST_LIMIT_MAX),
  };
}

/** What the index holds, counted by the store's own aggregates (no article is read whole). */
export interface CorpusFacts {
  articles: number;
  /** Collections with their article counts, most articles first, then by name. */
  collections: Array<{ name: string; articles: number }>;
  /** Sources with their article counts, most articles first, then by name. */
  sources: Array<{ name: string; articles: number }>;
  /** The earliest and latest full date (one that starts with a year; "--01-22" has none). */
  dateFrom: string | null;
  dateTo: string | null;
}

export interface StoreStats {
  articles: number;
  passages: number;
  generation: number;
  databaseBytes: number;
}
