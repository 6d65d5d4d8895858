/**
 * Reads by id (multi-get, real time, every document answered or retried): passages, the
 * article of each passage, embeddings, source paths. A namespace with nothing ingested yet
 * answers with nothing.
 */
import type { StoredPassage, WordFrequencies } from '../chunk-store.js';
import { TERMS_FIELD } from './analysis.js';
import { type Client, mgetComplete, orEmpty } from './client.js';
import { type ArticleDoc, decodeVector, type PassageDoc, toStoredPassage } from './documents.js';
import type { IndexNames } from './mappings.js';

/** The found documents of one mget, with the fields asked for. */
async function mget<T>(
  client: Client,
  index: string,
  ids: readonly (string | number)[],
  fields: { _source_includes?: string[]; stored_fields?: string[]; _source?: false } = {},
): Promise<Array<{ _id: string; _source?: T; fields?: Record<string, unknown> }>> {
  if (ids.length === 0) return [];
  const res = await orEmpty(
    () => mgetComplete(() => client.mget<T>({ index, ids: ids.map(String), ...fields })),
    { docs: [] },
  );
  return res.docs.flatMap((d) => ('found' in d && d.found ? [d] : []));
}

export async function readPassages(
  client: Client,
  names: IndexNames,
  ids: readonly number[],
): Promise<StoredPassage[]> {
  const docs = await mget<PassageDoc>(client, names.passages, ids);
  return docs.flatMap((d) => (d._source ? [toStoredPassage(d._source)] : []));
}

/** The article of each passage (absent ids are left out), without reading the passages' text. */
export async function readPassageArticles(
  client: Client,
  names: IndexNames,
  ids: readonly number[],
): Promise<Map<number, string>> {
  const docs = await mget<Pick<PassageDoc, 'article_id'>>(client, names.passages, ids, {
    _source_includes: ['article_id'],
  });
  return new Map(docs.flatMap((d) => (d._source ? [[Number(d._id), d._source.article_id] as const] : [])));
}

/** Embeddings from the stored `vector` field (passages without one are left out). */
export async function readEmbeddings(
  client: Client,
  names: IndexNames,
  ids: readonly number[],
): Promise<Map<number, Float32Array>> {
  const docs = await mget(client, names.passages, ids, { stored_fields: ['vector'], _source: false });
  const out = new Map<number, Float32Array>();
  for (const d of docs) {
    const stored = (d.fields?.vector as string[] | undefined)?.[0];
    if (stored) out.set(Number(d._id), decodeVector(stored));
  }
  return out;
}

export async function readSourcePaths(
  client: Client,
  names: IndexNames,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const docs = await mget<Pick<ArticleDoc, 'source_path'>>(client, names.articles, ids, {
    _source_includes: ['source_path'],
  });
  const out = new Map<string, string>();
  for (const d of docs) if (d._source?.source_path) out.set(d._id, d._source.source_path);
  return out;
}

/**
 * How many passages hold each word group (any of its stems, in the stemmed BM25 field), with
 * the number of passages: one filters aggregation.
 */
export async function readWordFrequencies(
  client: Client,
  names: IndexNames,
  groups: readonly (readonly string[])[],
): Promise<WordFrequencies> {
  const filters = Object.fromEntries(
    groups.map((stems, i) => [String(i), { terms: { [TERMS_FIELD]: [...stems] } }]),
  );
  const res = await orEmpty(
    () =>
      client.search({
        index: names.passages,
        size: 0,
        track_total_hits: true,
        aggs: { words: { filters: { filters } } },
      }),
    undefined,
  );
  if (!res) return { passages: 0, counts: groups.map(() => 0) };
  const total = res.hits.total;
  const passages = typeof total === 'number' ? total : (total?.value ?? 0);
  const buckets = (res.aggregations?.words as { buckets?: Record<string, { doc_count: number }> })?.buckets;
  return { passages, counts: groups.map((_, i) => buckets?.[String(i)]?.doc_count ?? 0) };
}
