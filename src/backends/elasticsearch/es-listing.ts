/**
 * Listing and counting over the articles index: pages of articles by id (for `ls` and
 * GET /v1/articles), the collections, and the corpus facts, from the index's sorted keys and
 * aggregations; no article is read whole.
 */
import {
  type ArticleListing,
  type ArticleListOptions,
  byCountThenName,
  type CorpusFacts,
  listWindow,
} from '../chunk-store.js';
import { type Client, orEmpty, retrySearch } from './client.js';
import type { ArticleDoc } from './documents.js';
import { compositeBuckets } from './es-composite.js';

/** Elasticsearch's ceiling for from + size (index.max_result_window). */
const RESULT_WINDOW = 10_000;
/** Buckets per page of a composite aggregation. */

type NameCount = { name: string; articles: number };

export const LISTING_FIELDS = [
  'article_id',
  'title',
  'collection',
  'date',
  'source',
  'source_path',
  'passage_count',
  'updated_at',
  'story',
] satisfies Array<keyof ArticleDoc>;

export type ListingDoc = Pick<ArticleDoc, (typeof LISTING_FIELDS)[number]>;

export function toListing(doc: ListingDoc): ArticleListing {
  return {
    id: doc.article_id,
    title: doc.title,
    collection: typeof doc.collection === 'string' ? doc.collection : null,
    date: doc.date,
    source: doc.source,
    sourcePath: doc.source_path,
    passageCount: doc.passage_count,
    updatedAt: doc.updated_at,
    story: doc.story ?? doc.article_id,
  };
}

/**
 * Articles by id, a page at a time, with the total; as the embedded store pages.
 * `window`: the cluster's from + size ceiling (tests lower it to walk past it).
 */
export async function listArticles(
  client: Client,
  index: string,
  options: ArticleListOptions,
  window = RESULT_WINDOW,
): Promise<{ total: number; articles: ArticleListing[] }> {
  const { offset, limit } = listWindow(options);
  const filter: object[] = [];
  if (options.collection !== undefined) filter.push({ term: { collection: options.collection } });
  if (options.copies) filter.push({ terms: { story: await storiesWithCopies(client, index) } });
  const query = filter.length > 0 ? { bool: { filter } } : { match_all: {} };
  const sort = options.copies
    ? [{ story: 'asc' as const }, { article_id: 'asc' as const }]
    : [{ article_id: 'asc' as const }];
  const page = (size: number, after: unknown[] | undefined, from: number, source: boolean) =>
    retrySearch(() =>
      client.search<ListingDoc>({
        index,
        query,
        sort,
        size,
        track_total_hits: source,
        _source: source ? LISTING_FIELDS : false,
        ...(from > 0 ? { from } : {}),
        ...(after ? { search_after: after as never } : {}),
      }),
    );
  return orEmpty(
    async () => {
      let after: unknown[] | undefined;
      let from = offset;
      if (offset + limit > window) {
        // Past the result window: walk to the offset by sort values only, then read the page.
        from = 0;
        for (let skip = offset; skip > 0; skip -= window) {
          const step = Math.min(skip, window);
          const hits = (await page(step, after, 0, false)).hits.hits;
          if (hits.length < step)
            return { total: (await client.count({ index, query })).count, articles: [] };
          after = hits.at(-1)?.sort as unknown[];
        }
      }
      const res = await page(limit, after, from, true);
      const total = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
      return { total, articles: res.hits.hits.flatMap((h) => (h._source ? [toListing(h._source)] : [])) };
    },
    { total: 0, articles: [] },
  );
}

/** Article counts by the values of a keyword field, by value; articles without one are left out. */
async function countsBy(client: Client, index: string, field: string): Promise<NameCount[]> {
  return (await compositeBuckets(client, index, field))
    .filter((b) => b.key.name !== '')
    .map((b) => ({ name: b.key.name, articles: b.doc_count }));
}

/** Stories with more than one article (those with copies). */
async function storiesWithCopies(client: Client, index: string): Promise<string[]> {
  const stories = await orEmpty(() => compositeBuckets(client, index, 'story'), []);
  return stories.filter((b) => b.doc_count > 1).map((b) => b.key.name);
}

/** Collections with their article counts, by name. */
export function listCollections(client: Client, index: string): Promise<NameCount[]> {
  return orEmpty(() => countsBy(client, index, 'collection'), []);
}

/** The article count and the first and last full date (as stored, starting with a year). */
async function countAndDates(client: Client, index: string) {
  // Terms ordered by key are exact at any shard count: each shard offers its own first keys.
  const edge = (order: 'asc' | 'desc') => ({
    terms: { field: 'date_key', include: '[0-9]{4}.*', order: { _key: order }, size: 1 },
  });
  const res = await retrySearch(() =>
    client.search({
      index,
      size: 0,
      track_total_hits: true,
      aggs: { first: edge('asc'), last: edge('desc') },
    }),
  );
  const key = (name: string) =>
    (res.aggregations?.[name] as { buckets?: Array<{ key: string }> } | undefined)?.buckets?.[0]?.key ?? null;
  const total = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
  return { articles: total, dateFrom: key('first'), dateTo: key('last') };
}

/** Article, collection and source counts and the date range: three aggregate requests. */
export function corpusFacts(client: Client, index: string): Promise<CorpusFacts> {
  const empty: CorpusFacts = { articles: 0, collections: [], sources: [], dateFrom: null, dateTo: null };
  return orEmpty(async () => {
    const [dates, collections, sources] = await Promise.all([
      countAndDates(client, index),
      countsBy(client, index, 'collection'),
      countsBy(client, index, 'source'),
    ]);
    return {
      ...dates,
      collections: collections.sort(byCountThenName),
      sources: sources.sort(byCountThenName),
    };
  }, empty);
}
