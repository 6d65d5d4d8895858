/**
 * The ChunkStore on an Elasticsearch cluster: articles and passages as documents, BM25 over
 * pre-stemmed title and text with the filters inside the query. Writes: write-articles.ts;
 * reads by id: es-reads.ts; listings and counts: es-listing.ts.
 */
import { SearchError } from '../../errors.js';
import type { ChunkStore, IndexManifest, LexicalHit, SearchFilters, StoreStats } from '../chunk-store.js';
import { lexicalQuery } from './analysis.js';
import { type BulkAction, runBulk } from './bulk.js';
import { type Client, orEmpty, retrySearch, toSearchError } from './client.js';
import { type ArticleDoc, toStoredArticle } from './documents.js';
import { archiveOverview } from './es-archive.js';
import { readArticleCopies, readEmbeddingsByKey, readStories } from './es-copies.js';
import { corpusFacts, listArticles, listCollections } from './es-listing.js';
import {
  readEmbeddings,
  readPassageArticles,
  readPassages,
  readSourcePaths,
  readWordFrequencies,
} from './es-reads.js';
import {
  readArticleStatements,
  readSpeakerStatements,
  readSpeakers,
  readStaleStatements,
  writeStatements,
} from './es-statements.js';
import {
  articleIndexBody,
  ES_MAPPING_UPGRADABLE,
  ES_MAPPING_VERSION,
  type IndexNames,
  passageIndexBody,
  stateIndexBody,
  statementFields,
} from './mappings.js';
import { readState, updateState } from './state.js';
import { articlePassageIds, replaceArticles } from './write-articles.js';

/** Page size when reading every article's content hash. */
const SCAN_PAGE = 5000;

export interface ElasticsearchStore extends ChunkStore {
  readonly names: IndexNames;
  /** Delete this namespace's indices (tests, and "start over"). */
  drop(): Promise<void>;
  /** Make every write so far visible to searches (writers call it once per write operation). */
  refresh(): Promise<void>;
}

export function createElasticsearchStore(client: Client, url: string, names: IndexNames): ElasticsearchStore {
  let manifestCache: IndexManifest | undefined;
  const guard = async <T>(doing: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      throw toSearchError(error, url, doing);
    }
  };

  const createIndex = async (index: string, body: object) => {
    if (await client.indices.exists({ index })) return;
    try {
      await client.indices.create({ index, ...body, wait_for_active_shards: 1 });
    } catch (error) {
      const type = (error as { body?: { error?: { type?: string } } }).body?.error?.type;
      if (type !== 'resource_already_exists_exception') throw error;
    }
  };

  const store: ElasticsearchStore = {
    names,
    // No index of passage words in this process: coverage comes from the text, BM25 from the cluster.
    capabilities: { exactWordCoverage: false, fieldUpdates: false, inMemoryLexical: false, networked: true },
    manifest: () =>
      guard('reading the index manifest', async () => {
        if (manifestCache) return manifestCache;
        let state = await readState(client, names.state);
        if (state?.manifest && state.mappingVersion === ES_MAPPING_UPGRADABLE) {
          // Version 4 → 5: the statements fields are added in place; the engine reads the
          // articles' statements on its next open for writing (they are all stale).
          await client.indices.putMapping({ index: names.articles, properties: statementFields as never });
          state = (
            await updateState(client, names.state, (s) =>
              s.mappingVersion === ES_MAPPING_UPGRADABLE ? { ...s, mappingVersion: ES_MAPPING_VERSION } : s,
            )
          ).after;
        }
        if (state?.manifest && state.mappingVersion !== ES_MAPPING_VERSION) {
          throw new SearchError(
            'INDEX_SCHEMA_MISMATCH',
            `The indices ${names.passages} and ${names.articles} at ${url} were made by an older semsearch (mapping version ${state.mappingVersion ?? 1}, this one writes ${ES_MAPPING_VERSION}); delete them (DELETE ${names.passages},${names.articles},${names.state}) or set another prefix (config esIndex, env SEMSEARCH_ES_INDEX), and ingest again.`,
          );
        }
        manifestCache = state?.manifest ?? undefined;
        return manifestCache;
      }),
    initManifest: (manifest) =>
      guard('creating the indices', async () => {
        await createIndex(names.state, stateIndexBody());
        await createIndex(names.passages, passageIndexBody(manifest.model.dimension));
        await createIndex(names.articles, articleIndexBody());
        await updateState(client, names.state, (s) => ({
          ...s,
          manifest,
          mappingVersion: ES_MAPPING_VERSION,
        }));
        manifestCache = manifest;
      }),
    generation: () =>
      guard('reading the generation', async () => (await readState(client, names.state))?.generation ?? 0),
    articleHashes: () =>
      guard('reading content hashes', async () => {
        const out = new Map<string, string>();
        let after: unknown[] | undefined;
        for (;;) {
          const res = await orEmpty(
            () =>
              client.search<Pick<ArticleDoc, 'content_hash'>>({
                index: names.articles,
                size: SCAN_PAGE,
                _source: ['content_hash'],
                sort: [{ article_id: 'asc' }],
                ...(after ? { search_after: after as never } : {}),
              }),
            undefined,
          );
          const hits = res?.hits.hits ?? [];
          for (const h of hits) if (h._id && h._source) out.set(h._id, h._source.content_hash);
          if (hits.length < SCAN_PAGE) return out;
          after = hits.at(-1)?.sort as unknown[];
        }
      }),
    articleCopies: () => guard('reading copy fingerprints', () => readArticleCopies(client, names)),
    embeddingsByKey: (keys) =>
      guard('reading stored vectors', () => readEmbeddingsByKey(client, names, keys)),
    stories: (ids) => guard('reading stories', () => readStories(client, names, ids)),
    replaceArticles: (writes) => guard('writing articles', () => replaceArticles(client, names, writes)),
    deleteArticles: (ids) =>
      guard('deleting articles', async () => {
        const old = await articlePassageIds(client, names, ids);
        if (old.size === 0) return { removedPassageIds: [], added: [], generation: await store.generation() };
        const removed = [...old.values()].flat();
        const actions: BulkAction[] = [
          ...[...old.keys()].map((id) => ({ op: 'delete' as const, index: names.articles, id })),
          ...removed.map((id) => ({ op: 'delete' as const, index: names.passages, id: String(id) })),
        ];
        const errors = (await runBulk(client, actions)).filter((e) => e !== undefined);
        const { after } = await updateState(client, names.state, (s) => ({
          ...s,
          generation: s.generation + 1,
        }));
        if (errors.length > 0) {
          throw new SearchError(
            'BACKEND_UNAVAILABLE',
            `${errors.length} of ${actions.length} deletions failed (${errors[0]}); run the delete again.`,
          );
        }
        return { removedPassageIds: removed, added: [], generation: after.generation };
      }),
    getArticle: (id) =>
      guard('reading an article', async () => {
        const doc = await orEmpty(
          () => client.get<ArticleDoc>({ index: names.articles, id, _source_excludes: ['statements'] }),
          undefined,
        );
        return doc?.found && doc._source ? toStoredArticle(id, doc._source) : undefined;
      }),
    sourcePaths: (ids) => guard('reading source paths', () => readSourcePaths(client, names, ids)),
    getPassages: (ids) => guard('reading passages', () => readPassages(client, names, ids)),
    listArticles: (options) => guard('listing articles', () => listArticles(client, names.articles, options)),
    collections: () => guard('counting collections', () => listCollections(client, names.articles)),
    corpusFacts: () => guard('counting the corpus', () => corpusFacts(client, names.articles)),
    archiveOverview: (request) =>
      guard('counting the archive', () => archiveOverview(client, names.articles, request)),
    passageArticles: (ids) => guard('reading passages', () => readPassageArticles(client, names, ids)),
    /** Nothing is known without the text here (capabilities.exactWordCoverage is false). */
    wordCoverage: async () => new Map(),
    /** No layout is known (capabilities.fieldUpdates is false): passages carry the article's fields. */
    articleLayouts: async () => new Map(),
    updateArticleFields: async () => {
      throw new SearchError(
        'BAD_CONFIG',
        'This backend rewrites passages with their article (capabilities.fieldUpdates is false).',
      );
    },
    wordFrequencies: (groups) => guard('counting words', () => readWordFrequencies(client, names, groups)),
    lexicalSearch: (text, limit, filters) =>
      guard('searching (BM25)', () => lexicalSearch(text, limit, filters)),
    /** Nothing to build: BM25 runs in the cluster (capabilities.inMemoryLexical is false). */
    warmLexical: async () => {},
    getEmbeddings: (ids) => guard('reading embeddings', () => readEmbeddings(client, names, ids)),
    articleStatements: (ids, version) =>
      guard('reading statements', () => readArticleStatements(client, names, ids, version)),
    staleStatements: (version, limit, after) =>
      guard('reading statements', () => readStaleStatements(client, names, version, limit, after)),
    writeStatements: (writes, version) =>
      guard('writing statements', () => writeStatements(client, names, writes, version)),
    speakers: (request, version) =>
      guard('counting speakers', () => readSpeakers(client, names, request, version)),
    speakerStatements: (speakers, version, options) =>
      guard('reading statements', () => readSpeakerStatements(client, names, speakers, version, options)),
    stats: () =>
      guard('reading statistics', async (): Promise<StoreStats> => {
        const count = (index: string) => orEmpty(async () => (await client.count({ index })).count, 0);
        const bytes = await orEmpty(async () => {
          const s = await client.indices.stats({ index: [names.passages, names.articles], metric: 'store' });
          return s._all.total?.store?.size_in_bytes ?? 0;
        }, 0);
        return {
          articles: await count(names.articles),
          passages: await count(names.passages),
          generation: await store.generation(),
          databaseBytes: bytes,
        };
      }),
    refresh: () =>
      guard('refreshing the indices', async () => {
        // Forced once per write operation rather than per bulk request: a refresh per article
        // made ingest ten times slower. Between refreshes the cluster's own 1 s interval applies.
        await orEmpty(() => client.indices.refresh({ index: [names.passages, names.articles] }), undefined);
      }),
    drop: () =>
      guard('deleting the indices', async () => {
        await client.indices.delete({
          index: [names.passages, names.articles, names.state],
          ignore_unavailable: true,
        });
        manifestCache = undefined;
      }),
    async close() {
      await client.close();
    },
  };

  /** BM25 over one index's stemmed title and text fields, best first. */
  async function bm25(index: string, text: string, limit: number, filters?: SearchFilters) {
    const query = lexicalQuery(text, filters);
    if (!query || limit <= 0) return [];
    const res = await orEmpty(
      () =>
        retrySearch(() =>
          client.search({
            index,
            // Global term statistics: with 3 shards and a small collection, per-shard IDF would
            // rank differently from the embedded backend.
            search_type: 'dfs_query_then_fetch',
            allow_partial_search_results: false,
            track_total_hits: false,
            size: limit,
            _source: false,
            query,
          }),
        ),
      undefined,
    );
    return (res?.hits.hits ?? []).map((h) => ({ id: h._id as string, score: h._score ?? 0 }));
  }

  async function lexicalSearch(text: string, limit: number, filters?: SearchFilters): Promise<LexicalHit[]> {
    return (await bm25(names.passages, text, limit, filters)).map((h) => ({
      passageId: Number(h.id),
      bm25: h.score,
    }));
  }

  return store;
}
