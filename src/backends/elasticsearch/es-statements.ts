/**
 * Statements on Elasticsearch: a nested field of each article document, written with the
 * article (or on their own by a partial update), and the speakers counted by a nested terms
 * aggregation under the same filter clauses as a search.
 */
import type { Statement } from '../../statements/index.js';
import {
  bySpeakerCount,
  type SearchFilters,
  SPEAKER_ROLES_MAX,
  type SpeakerList,
  type SpeakerStatements,
  type SpeakersRequest,
  type StatementsWrite,
  type StoreChange,
  speakersLimit,
} from '../chunk-store.js';
import { type BulkAction, runBulk } from './bulk.js';
import { type Client, mgetComplete, orEmpty, retrySearch } from './client.js';
import { type ArticleDoc, statementsFields, toStatement } from './documents.js';
import { filterClauses } from './filters.js';
import type { IndexNames } from './mappings.js';
import { updateState } from './state.js';

type StatementsSource = Pick<ArticleDoc, 'statements' | 'statements_version' | 'date'>;

export async function readArticleStatements(
  client: Client,
  names: IndexNames,
  ids: readonly string[],
  version: number,
): Promise<Map<string, Statement[]>> {
  const out = new Map<string, Statement[]>();
  if (ids.length === 0) return out;
  const res = await orEmpty(
    () =>
      mgetComplete(() =>
        client.mget<StatementsSource>({
          index: names.articles,
          ids: [...ids],
          _source_includes: ['statements', 'statements_version'],
        }),
      ),
    { docs: [] },
  );
  for (const d of res.docs) {
    if (!('found' in d) || !d.found || !d._source) continue;
    if (d._source.statements_version !== version) continue;
    out.set(d._id, (d._source.statements ?? []).map(toStatement));
  }
  return out;
}

export async function readStaleStatements(
  client: Client,
  names: IndexNames,
  version: number,
  limit: number,
  after: string | undefined,
): Promise<{ total: number; ids: string[] }> {
  const res = await orEmpty(
    () =>
      retrySearch(() =>
        client.search({
          index: names.articles,
          query: { bool: { must_not: { term: { statements_version: version } } } },
          sort: [{ article_id: 'asc' }],
          ...(after !== undefined ? { search_after: [after] } : {}),
          size: limit,
          _source: false,
          track_total_hits: true,
        }),
      ),
    undefined,
  );
  const total = res?.hits.total;
  return {
    total: typeof total === 'number' ? total : (total?.value ?? 0),
    ids: (res?.hits.hits ?? []).map((h) => h._id as string),
  };
}

export async function writeStatements(
  client: Client,
  names: IndexNames,
  writes: readonly StatementsWrite[],
  version: number,
): Promise<StoreChange> {
  const actions: BulkAction[] = writes.map((w) => ({
    op: 'update',
    index: names.articles,
    id: w.articleId,
    doc: statementsFields({ version, statements: w.statements }),
  }));
  const errors = (await runBulk(client, actions)).filter((e) => e !== undefined);
  const { after } = await updateState(client, names.state, (s) => ({ ...s, generation: s.generation + 1 }));
  // An article deleted meanwhile has nothing to update: only other failures are reported.
  const failed = errors.filter((e) => !e.startsWith('document_missing_exception'));
  if (failed.length > 0) throw new Error(`${failed.length} statement updates failed (${failed[0]})`);
  return { removedPassageIds: [], added: [], generation: after.generation };
}

/** The filter of articles whose statements were read by `version`, narrowed by `filters`. */
function articleFilter(filters: SearchFilters | undefined, version: number): object[] {
  return [{ term: { statements_version: version } }, ...filterClauses(filters)];
}

interface KeyBucket {
  key: string;
  doc_count: number;
}

interface SpeakerBucket extends KeyBucket {
  roles: { buckets: KeyBucket[] };
  back: { doc_count: number; first: { buckets: KeyBucket[] }; last: { buckets: KeyBucket[] } };
}

/** Full dates only (they start with a year), as the embedded store ranges them. */
const FULL_DATES = '[0-9]{4}.*';

export async function readSpeakers(
  client: Client,
  names: IndexNames,
  request: SpeakersRequest,
  version: number,
): Promise<SpeakerList> {
  const limit = speakersLimit(request.limit);
  const dateEnd = (order: 'asc' | 'desc') => ({
    terms: { field: 'date_key', include: FULL_DATES, size: 1, order: { _key: order } },
  });
  const res = await orEmpty(
    () =>
      retrySearch(() =>
        client.search({
          index: names.articles,
          size: 0,
          track_total_hits: false,
          query: { bool: { filter: articleFilter(request.filters, version) } },
          aggs: {
            said: {
              nested: { path: 'statements' },
              aggs: {
                total: { cardinality: { field: 'statements.speaker', precision_threshold: 40_000 } },
                speakers: {
                  terms: {
                    field: 'statements.speaker',
                    size: limit,
                    // Exact counts for the speakers returned: every shard reports more of its own.
                    shard_size: Math.max(limit * 3, 500),
                    order: [{ _count: 'desc' }, { _key: 'asc' }],
                  },
                  aggs: {
                    roles: { terms: { field: 'statements.known_as', size: SPEAKER_ROLES_MAX } },
                    back: {
                      reverse_nested: {},
                      aggs: { first: dateEnd('asc'), last: dateEnd('desc') },
                    },
                  },
                },
              },
            },
          },
        }),
      ),
    undefined,
  );
  const said = res?.aggregations?.said as
    | { total: { value: number }; speakers: { buckets: SpeakerBucket[] } }
    | undefined;
  const speakers = (said?.speakers.buckets ?? []).map((b) => ({
    name: b.key,
    statements: b.doc_count,
    articles: b.back.doc_count,
    firstDate: b.back.first.buckets[0]?.key ?? null,
    lastDate: b.back.last.buckets[0]?.key ?? null,
    roles: b.roles.buckets.map((r) => r.key),
  }));
  return { total: said?.total.value ?? 0, speakers: speakers.sort(bySpeakerCount) };
}

export async function readSpeakerStatements(
  client: Client,
  names: IndexNames,
  speakers: readonly string[],
  version: number,
  options: { filters?: SearchFilters | undefined; articles: number },
): Promise<SpeakerStatements[]> {
  if (speakers.length === 0 || options.articles <= 0) return [];
  const res = await orEmpty(
    () =>
      retrySearch(() =>
        client.search<StatementsSource & Pick<ArticleDoc, 'article_id'>>({
          index: names.articles,
          size: options.articles,
          track_total_hits: false,
          _source: ['article_id', 'date', 'statements'],
          query: {
            bool: {
              filter: [
                ...articleFilter(options.filters, version),
                {
                  nested: { path: 'statements', query: { terms: { 'statements.speaker': [...speakers] } } },
                },
              ],
            },
          },
          sort: [{ date_key: { order: 'desc', missing: '_last' } }, { article_id: 'asc' }],
        }),
      ),
    undefined,
  );
  const wanted = new Set(speakers);
  return (res?.hits.hits ?? []).flatMap((h) => {
    const doc = h._source;
    if (!doc) return [];
    return [
      {
        articleId: doc.article_id,
        date: doc.date,
        statements: (doc.statements ?? []).filter((s) => wanted.has(s.speaker)).map(toStatement),
      },
    ];
  });
}
