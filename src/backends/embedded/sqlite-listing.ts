/**
 * Listing articles and collections in SQLite (for `ls`, `collections` and GET /v1/articles), and
 * the corpus counted by GROUP BY.
 */
import type Database from 'better-sqlite3';
import {
  type ArticleListing,
  type ArticleListOptions,
  byCountThenName,
  type CorpusFacts,
  listWindow,
} from '../chunk-store.js';

export interface ListingRow {
  id: string;
  title: string;
  collection: string | null;
  date: string | null;
  source: string | null;
  source_path: string | null;
  passage_count: number;
  updated_at: string;
  story: string | null;
}

export function listArticles(
  db: Database.Database,
  options: ArticleListOptions,
): { total: number; articles: ArticleListing[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (options.collection !== undefined) {
    clauses.push('a.collection = ?');
    params.push(options.collection);
  }
  // Copies: articles whose story has another member, grouped by story.
  if (options.copies)
    clauses.push('a.story IN (SELECT story FROM articles GROUP BY story HAVING count(*) > 1)');
  const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
  const order = options.copies ? 'a.story, a.id' : 'a.id';
  const { offset, limit } = listWindow(options);
  const total =
    db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM articles a ${where}`).get(...params)?.n ??
    0;
  const rows = db
    .prepare<unknown[], ListingRow>(
      `SELECT a.id, a.title, a.collection, a.date, a.source, a.source_path, a.updated_at, a.story,
        (SELECT count(*) FROM passages p WHERE p.article_id = a.id) AS passage_count
       FROM articles a ${where} ORDER BY ${order} LIMIT ? OFFSET ?`,
    )
    .all(...params, limit, offset);
  return {
    total,
    articles: rows.map(listingOf),
  };
}

export function listingOf(r: ListingRow): ArticleListing {
  return {
    id: r.id,
    title: r.title,
    collection: r.collection,
    date: r.date,
    source: r.source,
    sourcePath: r.source_path,
    passageCount: r.passage_count,
    updatedAt: r.updated_at,
    story: r.story ?? r.id,
  };
}

export function listCollections(db: Database.Database): Array<{ name: string; articles: number }> {
  return db
    .prepare<[], { name: string; articles: number }>(
      'SELECT collection AS name, count(*) AS articles FROM articles WHERE collection IS NOT NULL GROUP BY collection ORDER BY collection',
    )
    .all();
}

/** Counts by collection and source and the range of full dates, each one aggregate query. */
export function corpusFacts(db: Database.Database): CorpusFacts {
  const counted = (column: 'collection' | 'source') =>
    db
      .prepare<[], { name: string; articles: number }>(
        `SELECT ${column} AS name, count(*) AS articles FROM articles
         WHERE ${column} IS NOT NULL AND ${column} != '' GROUP BY ${column}`,
      )
      .all()
      .sort(byCountThenName);
  const range = db
    .prepare<[], { articles: number; dateFrom: string | null; dateTo: string | null }>(
      `SELECT (SELECT count(*) FROM articles) AS articles, min(date) AS dateFrom, max(date) AS dateTo
       FROM articles WHERE date GLOB '[0-9][0-9][0-9][0-9]*'`,
    )
    .get();
  return {
    articles: range?.articles ?? 0,
    collections: counted('collection'),
    sources: counted('source'),
    dateFrom: range?.dateFrom ?? null,
    dateTo: range?.dateTo ?? null,
  };
}
