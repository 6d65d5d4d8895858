/** Listing articles and collections in SQLite (for `ls`, `collections` and GET /v1/articles). */
import type Database from 'better-sqlite3';
import type { Article } from '../../parse/index.js';
import type { ArticleListing, ArticleListOptions } from '../chunk-store.js';

/** Articles one listing call returns at most. */
export const LIST_LIMIT_MAX = 1000;

/** The collection column of an article: its own field, or the metadata key watch/follow set. */
export function collectionOf(article: Article): string | null {
  if (article.collection) return article.collection;
  const fromMetadata = article.metadata.collection;
  return typeof fromMetadata === 'string' && fromMetadata ? fromMetadata : null;
}

interface ListingRow {
  id: string;
  title: string;
  collection: string | null;
  date: string | null;
  source: string | null;
  source_path: string | null;
  passage_count: number;
  updated_at: string;
}

export function listArticles(
  db: Database.Database,
  options: ArticleListOptions,
): { total: number; articles: ArticleListing[] } {
  const where = options.collection !== undefined ? 'WHERE a.collection = ?' : '';
  const params = options.collection !== undefined ? [options.collection] : [];
  const limit = Math.min(Math.max(options.limit ?? 100, 0), LIST_LIMIT_MAX);
  const offset = Math.max(options.offset ?? 0, 0);
  const total =
    db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM articles a ${where}`).get(...params)?.n ??
    0;
  const rows = db
    .prepare<unknown[], ListingRow>(
      `SELECT a.id, a.title, a.collection, a.date, a.source, a.source_path, a.updated_at,
        (SELECT count(*) FROM passages p WHERE p.article_id = a.id) AS passage_count
       FROM articles a ${where} ORDER BY a.id LIMIT ? OFFSET ?`,
    )
    .all(...params, limit, offset);
  return {
    total,
    articles: rows.map((r) => ({
      id: r.id,
      title: r.title,
      collection: r.collection,
      date: r.date,
      source: r.source,
      sourcePath: r.source_path,
      passageCount: r.passage_count,
      updatedAt: r.updated_at,
    })),
  };
}

export function listCollections(db: Database.Database): Array<{ name: string; articles: number }> {
  return db
    .prepare<[], { name: string; articles: number }>(
      'SELECT collection AS name, count(*) AS articles FROM articles WHERE collection IS NOT NULL GROUP BY collection ORDER BY collection',
    )
    .all();
}
