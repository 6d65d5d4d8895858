/** The archive at a glance on Elasticsearch: composite aggregations and one sorted page. */
import { ARCHIVE_NEWEST_MAX, type ArchiveOverview, type ArchiveRequest } from '../archive.js';
import { dateUpperBound } from '../chunk-store.js';
import { type Client, orEmpty, retrySearch } from './client.js';
import { compositeBuckets } from './es-composite.js';
import { LISTING_FIELDS, type ListingDoc, toListing } from './es-listing.js';

const FULL_DATE = { regexp: { date_key: '[0-9]{4}.*' } };

export function archiveOverview(
  client: Client,
  index: string,
  request: ArchiveRequest,
): Promise<ArchiveOverview> {
  const empty: ArchiveOverview = { months: [], undated: 0, newest: [], collections: [] };
  return orEmpty(async () => {
    const range: Record<string, string> = {};
    if (request.dateFrom && /^\d{4}/.test(request.dateFrom)) range.gte = request.dateFrom;
    if (request.dateTo && /^\d{4}/.test(request.dateTo)) range.lte = dateUpperBound(request.dateTo);
    const newestQuery =
      Object.keys(range).length > 0
        ? { bool: { filter: [FULL_DATE, { range: { date_key: range } }] } }
        : { match_all: {} };
    const [days, undated, page, collections] = await Promise.all([
      compositeBuckets(client, index, 'date_key', {
        query: { bool: { filter: [FULL_DATE] } },
        lastOf: 'updated_at',
      }),
      client.count({ index, query: { bool: { must_not: [FULL_DATE] } } }),
      retrySearch(() =>
        client.search<ListingDoc>({
          index,
          query: newestQuery,
          size: Math.min(Math.max(request.newest, 0), ARCHIVE_NEWEST_MAX),
          track_total_hits: false,
          _source: LISTING_FIELDS,
          sort: [
            { date_key: { order: 'desc', missing: '_last' } },
            { updated_at: 'desc' },
            { article_id: 'asc' },
          ],
        }),
      ),
      compositeBuckets(client, index, 'collection', { lastOf: 'updated_at' }),
    ]);
    const months = new Map<string, number>();
    for (const b of days) {
      const date = b.key.name ?? '';
      const month = /^\d{4}-\d{2}/.test(date) ? date.slice(0, 7) : date.slice(0, 4);
      months.set(month, (months.get(month) ?? 0) + b.doc_count);
    }
    // Full dates first, as SQLite orders them ("--01-22" sorts below every year here too).
    const newest = page.hits.hits.flatMap((h) => (h._source ? [toListing(h._source)] : []));
    return {
      months: [...months]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([month, articles]) => ({ month, articles })),
      undated: undated.count,
      newest,
      collections: collections
        .filter((b) => (b.key.name ?? '') !== '')
        .map((b) => ({
          name: b.key.name ?? '',
          articles: b.doc_count,
          updatedAt: b.last?.value_as_string ?? '',
        }))
        .sort((a, b) => (a.name < b.name ? -1 : 1)),
    };
  }, empty);
}
