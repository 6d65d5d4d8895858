/** SearchFilters as Elasticsearch filter clauses, pushed into both the BM25 and the kNN query. */
import { dateUpperBound, type SearchFilters } from '../chunk-store.js';

export type FilterClause = Record<string, unknown>;

export function filterClauses(filters: SearchFilters | undefined): FilterClause[] {
  if (!filters) return [];
  const clauses: FilterClause[] = [];
  if (filters.articleIds && filters.articleIds.length > 0) {
    clauses.push({ terms: { article_id: [...filters.articleIds] } });
  }
  if (filters.collections && filters.collections.length > 0) {
    clauses.push({ terms: { collection: [...filters.collections] } });
  }
  if (filters.source) clauses.push({ term: { source_key: filters.source } });
  if (filters.place) clauses.push({ term: { place: filters.place } });
  // "--MM-DD" compares month and day; a date with a year never matches a year-unknown date.
  const bound = (date: string, op: 'gte' | 'lte') =>
    date.startsWith('--')
      ? { range: { month_day: { [op]: date.slice(2) } } }
      : { range: { date_key: { [op]: op === 'lte' ? dateUpperBound(date) : date } } };
  if (filters.dateFrom) clauses.push(bound(filters.dateFrom, 'gte'));
  if (filters.dateTo) clauses.push(bound(filters.dateTo, 'lte'));
  if ([filters.dateFrom, filters.dateTo].some((d) => d && !d.startsWith('--'))) {
    clauses.push({ bool: { must_not: { prefix: { date_key: '--' } } } });
  }
  for (const [key, value] of Object.entries(filters.metadata ?? {})) {
    // Flattened fields index every leaf as text; booleans as "true"/"false".
    clauses.push({ term: { [`metadata.${key}`]: String(value) } });
  }
  return clauses;
}
