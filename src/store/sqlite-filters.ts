/** SearchFilters as a SQL condition over `articles a`, so filters run inside SQLite's query. */
import { SearchError } from '../errors.js';
import type { SearchFilters } from './chunk-store.js';

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
  if (filters.dateFrom) {
    where.push('a.date >= ?');
    params.push(filters.dateFrom);
  }
  if (filters.dateTo) {
    where.push('a.date <= ?');
    params.push(filters.dateTo);
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
