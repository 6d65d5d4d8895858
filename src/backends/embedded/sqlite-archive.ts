/** The archive at a glance in SQLite: GROUP BY for months and collections, one sorted read for the newest. */
import type Database from 'better-sqlite3';
import { ARCHIVE_NEWEST_MAX, type ArchiveOverview, type ArchiveRequest } from '../archive.js';
import { dateUpperBound } from '../chunk-store.js';
import { type ListingRow, listingOf } from './sqlite-listing.js';

const FULL_DATE = "date GLOB '[0-9][0-9][0-9][0-9]*'";

export function archiveOverview(db: Database.Database, request: ArchiveRequest): ArchiveOverview {
  const months = db
    .prepare<[], { month: string; articles: number }>(
      `SELECT CASE WHEN date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' THEN substr(date, 1, 7) ELSE substr(date, 1, 4) END AS month,
        count(*) AS articles FROM articles WHERE ${FULL_DATE} GROUP BY month ORDER BY month`,
    )
    .all();
  const undated =
    db
      .prepare<[], { n: number }>(`SELECT count(*) AS n FROM articles WHERE date IS NULL OR NOT ${FULL_DATE}`)
      .get()?.n ?? 0;
  const where: string[] = [];
  const params: unknown[] = [];
  // Only full dates narrow the newest ("--01-22" ranges are for searches).
  if (request.dateFrom && /^\d{4}/.test(request.dateFrom)) {
    where.push(`${FULL_DATE} AND date >= ?`);
    params.push(request.dateFrom);
  }
  if (request.dateTo && /^\d{4}/.test(request.dateTo)) {
    where.push(`${FULL_DATE} AND date <= ?`);
    params.push(dateUpperBound(request.dateTo));
  }
  const limit = Math.min(Math.max(request.newest, 0), ARCHIVE_NEWEST_MAX);
  const newest = db
    .prepare<unknown[], ListingRow>(
      `SELECT a.id, a.title, a.collection, a.date, a.source, a.source_path, a.updated_at, a.story,
        (SELECT count(*) FROM passages p WHERE p.article_id = a.id) AS passage_count
       FROM articles a ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY (${FULL_DATE}) DESC, date DESC, updated_at DESC, id LIMIT ?`,
    )
    .all(...params, limit)
    .map(listingOf);
  const collections = db
    .prepare<[], { name: string; articles: number; updatedAt: string }>(
      `SELECT collection AS name, count(*) AS articles, max(updated_at) AS updatedAt FROM articles
       WHERE collection IS NOT NULL AND collection != '' GROUP BY collection ORDER BY collection`,
    )
    .all();
  return { months, undated, newest, collections };
}
