/** An article as listings show it (`ls`, GET /v1/articles, the page's newest articles). */

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
