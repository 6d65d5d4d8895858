/** SearchFilters as a SQL condition over `articles a`, so filters run inside SQLite's query. */
import { SearchError } from '../../errors.js';
import { dateUpperBound, type SearchFilters } from '../chunk-store.js';

/** Metadata keys one filter may test (SQLite's expression depth is 1,000). */
export const FILTER_METADATA_MAX_KEYS = 64;
/** Article ids one filter may list. */
export const FILTER_ARTICLE_IDS_MAX = 1000;

export interface SqlCondition {
  /** Conditions to AND; empty when the filters allow everything. */
  where: string[];
  params: unknown[];
}

export function filterSql(filters: SearchFilters | undefined): SqlCondition {
  const where: string[] = [];
  const params: unknown[] = [];
  if (!filters) return { where, params };
  const ids = filters.articleIds ?? [];
  if (ids.length > FILTER_ARTICLE_IDS_MAX) {
    throw new SearchError(
      'BAD_INPUT',
      `A filter may list at most ${FILTER_ARTICLE_IDS_MAX} article ids, got ${ids.length}.`,
    );
  }
  if (ids.length > 0) {
    // json_each keeps the statement small whatever the number of ids.
    where.push('a.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(ids));
  }
  if (filters.source) {
    where.push('a.source = ? COLLATE NOCASE');
    params.push(filters.source);
  }
  if (filters.place) {
    where.push('a.place = ?');
    params.push(filters.place);
  }
  if (filters.collections?.length) {
    where.push('a.collection IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filters.collections));
  }
  // "--MM-DD" (no year) compares month and day, of dates with or without a year.
  const side = (date: string) => (date.startsWith('--') ? 'substr(a.date, -5)' : 'a.date');
  const value = (date: string) => (date.startsWith('--') ? date.slice(2) : date);
  if (filters.dateFrom) {
    where.push(`${side(filters.dateFrom)} >= ?`);
    params.push(value(filters.dateFrom));
  }
  if (filters.dateTo) {
    where.push(`${side(filters.dateTo)} <= ?`);
    params.push(value(dateUpperBound(filters.dateTo)));
  }
  // A date without a year ("--01-22") is not in any range of years: never compare it as text.
  if ([filters.dateFrom, filters.dateTo].some((d) => d && !d.startsWith('--'))) {
    where.push("a.date NOT LIKE '--%'");
  }
  const metadata = Object.entries(filters.metadata ?? {});
  if (metadata.length > FILTER_METADATA_MAX_KEYS) {
    throw new SearchError(
      'BAD_INPUT',
      `A filter may test at most ${FILTER_METADATA_MAX_KEYS} metadata keys, got ${metadata.length}.`,
    );
  }
  for (const [key, value] of metadata) {
    where.push("CAST(json_extract(a.metadata, '$.' || json_quote(?)) AS TEXT) = ?");
    params.push(key, String(value === true ? 1 : value === false ? 0 : value));
  }
  return { where, params };
}
