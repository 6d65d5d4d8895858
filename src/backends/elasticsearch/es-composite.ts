/** Every bucket of a composite aggregation, a page of BUCKET_PAGE at a time (listings and the archive). */
import { type Client, retrySearch } from './client.js';

const BUCKET_PAGE = 1000;

export interface CompositeBucket {
  key: { name: string };
  doc_count: number;
  /** The sub-aggregation `last` (max of a date field), where asked for. */
  last?: { value_as_string?: string };
}

/** The buckets of `field` over the documents `query` matches (all of them by default). */
export async function compositeBuckets(
  client: Client,
  index: string,
  field: string,
  options: { query?: object; lastOf?: string } = {},
): Promise<CompositeBucket[]> {
  const out: CompositeBucket[] = [];
  let after: Record<string, unknown> | undefined;
  for (;;) {
    const res = await retrySearch(() =>
      client.search({
        index,
        size: 0,
        track_total_hits: false,
        ...(options.query ? { query: options.query } : {}),
        aggs: {
          by: {
            composite: {
              size: BUCKET_PAGE,
              sources: [{ name: { terms: { field } } }],
              ...(after ? { after: after as never } : {}),
            },
            ...(options.lastOf ? { aggs: { last: { max: { field: options.lastOf } } } } : {}),
          },
        },
      }),
    );
    const by = res.aggregations?.by as
      | { buckets: CompositeBucket[]; after_key?: Record<string, unknown> }
      | undefined;
    const buckets = by?.buckets ?? [];
    out.push(...buckets);
    if (buckets.length < BUCKET_PAGE || !by?.after_key) return out;
    after = by.after_key;
  }
}
