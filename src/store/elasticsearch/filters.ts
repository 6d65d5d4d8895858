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
  if (filters.dateFrom || filters.dateTo) {
    const range: Record<string, string> = {};
    if (filters.dateFrom) range.gte = filters.dateFrom;
    if (filters.dateTo) range.lte = dateUpperBound(filters.dateTo);
    clauses.push({ range: { date_key: range } });
  }
  for (const [key, value] of Object.entries(filters.metadata ?? {})) {
    // Flattened fields index every leaf as text; booleans as "true"/"false".
    clauses.push({ term: { [`metadata.${key}`]: String(value) } });
  }
  return clauses;
}
