/**
 * The ChunkStore on an Elasticsearch cluster: articles and passages as documents, BM25 over
 * pre-stemmed title and text with the filters inside the query. Each article is written as
 * passages first, then the article document (which names its passages), then the old
 * passages are deleted, so an article whose write failed half way is rolled back and named.
 */
import { SearchError } from '../../errors.js';
import type {
  ArticleWrite,
  ChunkStore,
  IndexManifest,
  LexicalHit,
  StoreChange,
  StoredPassage,
  StoreStats,
  SearchFilters,
} from '../chunk-store.js';
import { searchTerms } from './analysis.js';
import { type BulkAction, runBulk } from './bulk.js';
import { type Client, isNotFound, toSearchError } from './client.js';
import {
  type ArticleDoc,
  articleDoc,
  type PassageDoc,
  passageDoc,
  toStoredArticle,
  toStoredPassage,
} from './documents.js';
import { filterClauses } from './filters.js';
import { articleIndexBody, type IndexNames, passageIndexBody, stateIndexBody } from './mappings.js';
import { readState, updateState } from './state.js';

/** Page size when reading every article's content hash. */
const SCAN_PAGE = 5000;

export interface ElasticsearchStore extends ChunkStore {
  readonly names: IndexNames;
  /** Delete this namespace's indices (tests, and "start over"). */
  drop(): Promise<void>;
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
  /** `fn`, or `fallback` when the index does not exist yet (nothing ingested). */
  const orEmpty = async <T>(fn: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      if (isNotFound(error)) return fallback;
      throw error;
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

  const refresh = () => client.indices.refresh({ index: [names.passages, names.articles] });

  const articlePassageIds = async (ids: readonly string[]): Promise<Map<string, number[]>> => {
    if (ids.length === 0) return new Map();
    const res = await orEmpty(
      () =>
        client.mget<Pick<ArticleDoc, 'passage_ids'>>({
          index: names.articles,
          ids: [...ids],
          _source_includes: ['passage_ids'],
        }),
      { docs: [] },
    );
    const out = new Map<string, number[]>();
    for (const d of res.docs) if ('found' in d && d.found && d._source) out.set(d._id, d._source.passage_ids);
    return out;
  };

  const store: ElasticsearchStore = {
    names,
    manifest: () =>
      guard('reading the index manifest', async () => {
        if (!manifestCache) manifestCache = (await readState(client, names.state))?.manifest ?? undefined;
        return manifestCache;
      }),
    initManifest: (manifest) =>
      guard('creating the indices', async () => {
        await createIndex(names.state, stateIndexBody());
        await createIndex(names.passages, passageIndexBody(manifest.model.dimension));
        await createIndex(names.articles, articleIndexBody());
        await updateState(client, names.state, (s) => ({ ...s, manifest }));
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
    replaceArticles: (writes) => guard('writing articles', () => replaceArticles(writes)),
    deleteArticles: (ids) =>
      guard('deleting articles', async () => {
        const old = await articlePassageIds(ids);
        if (old.size === 0) return { removedPassageIds: [], added: [], generation: await store.generation() };
        const removed = [...old.values()].flat();
        const actions: BulkAction[] = [
          ...[...old.keys()].map((id) => ({ op: 'delete' as const, index: names.articles, id })),
          ...removed.map((id) => ({ op: 'delete' as const, index: names.passages, id: String(id) })),
        ];
        const errors = (await runBulk(client, actions)).filter((e) => e !== undefined);
        await refresh();
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
        const doc = await orEmpty(() => client.get<ArticleDoc>({ index: names.articles, id }), undefined);
        return doc?.found && doc._source ? toStoredArticle(id, doc._source) : undefined;
      }),
    sourcePaths: (ids) =>
      guard('reading source paths', async () => {
        const out = new Map<string, string>();
        if (ids.length === 0) return out;
        const res = await orEmpty(
          () =>
            client.mget<Pick<ArticleDoc, 'source_path'>>({
              index: names.articles,
              ids: [...ids],
              _source_includes: ['source_path'],
            }),
          { docs: [] },
        );
        for (const d of res.docs) {
          if ('found' in d && d.found && d._source?.source_path) out.set(d._id, d._source.source_path);
        }
        return out;
      }),
    getPassages: (ids) =>
      guard('reading passages', async () => {
        if (ids.length === 0) return [];
        const res = await orEmpty(
          () =>
            client.mget<PassageDoc>({
              index: names.passages,
              ids: ids.map(String),
              _source_excludes: ['embedding'],
            }),
          { docs: [] },
        );
        const out: StoredPassage[] = [];
        for (const d of res.docs)
          if ('found' in d && d.found && d._source) out.push(toStoredPassage(d._source));
        return out;
      }),
    lexicalSearch: (text, limit, filters) =>
      guard('searching (BM25)', () => lexicalSearch(text, limit, filters)),
    getEmbeddings: (ids) =>
      guard('reading embeddings', async () => {
        const out = new Map<number, Float32Array>();
        if (ids.length === 0) return out;
        const res = await orEmpty(
          () =>
            client.mget<Pick<PassageDoc, 'embedding'>>({
              index: names.passages,
              ids: ids.map(String),
              _source_includes: ['embedding'],
            }),
          { docs: [] },
        );
        for (const d of res.docs) {
          if ('found' in d && d.found && d._source?.embedding)
            out.set(Number(d._id), Float32Array.from(d._source.embedding));
        }
        return out;
      }),
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

  async function replaceArticles(writes: readonly ArticleWrite[]): Promise<StoreChange> {
    const total = writes.reduce((n, w) => n + w.passages.length, 0);
    const { before, after } = await updateState(client, names.state, (s) => ({
      ...s,
      generation: s.generation + 1,
      nextPassageId: s.nextPassageId + total,
    }));
    const old = await articlePassageIds(writes.map((w) => w.article.id));
    let next = before.nextPassageId;
    const assigned = writes.map((w) => w.passages.map(() => next++));

    // 1. The new passages, under fresh ids (a reader may briefly see old and new together).
    const passageActions: BulkAction[] = [];
    const owner: number[] = [];
    writes.forEach((w, i) =>
      w.passages.forEach((p, j) => {
        const id = assigned[i]?.[j] as number;
        passageActions.push({
          op: 'index',
          index: names.passages,
          id: String(id),
          doc: passageDoc(w.article, id, p),
        });
        owner.push(i);
      }),
    );
    const failed = new Map<number, string>();
    (await runBulk(client, passageActions)).forEach((e, k) => {
      const i = owner[k] as number;
      if (e && !failed.has(i)) failed.set(i, e);
    });

    // 2. Article docs of complete articles; the new passages of incomplete ones are removed.
    const articleActions: BulkAction[] = [];
    const articleOwner: number[] = [];
    writes.forEach((w, i) => {
      if (failed.has(i)) return;
      articleActions.push({
        op: 'index',
        index: names.articles,
        id: w.article.id,
        doc: { ...articleDoc(w.article, w.contentHash, assigned[i] ?? []) },
      });
      articleOwner.push(i);
    });
    (await runBulk(client, articleActions)).forEach((e, k) => {
      if (e) failed.set(articleOwner[k] as number, e);
    });

    // 3. Old passages of written articles; new passages of failed ones (best effort).
    const cleanup: BulkAction[] = [];
    const removedPassageIds: number[] = [];
    writes.forEach((w, i) => {
      const ids = failed.has(i) ? (assigned[i] ?? []) : (old.get(w.article.id) ?? []);
      if (!failed.has(i)) removedPassageIds.push(...ids);
      for (const id of ids) cleanup.push({ op: 'delete', index: names.passages, id: String(id) });
    });
    await runBulk(client, cleanup);
    await refresh();

    if (failed.size > 0) {
      const notWritten = [...failed.keys()].map((i) => writes[i]?.article.id as string);
      const written = writes.filter((_, i) => !failed.has(i)).map((w) => w.article.id);
      throw new SearchError(
        'BACKEND_UNAVAILABLE',
        `${notWritten.length} of ${writes.length} articles were not written (${notWritten.slice(0, 5).join(', ')}${notWritten.length > 5 ? ', …' : ''}: ${[...failed.values()][0]}); the other ${written.length} were. Run the ingest again once the cluster is healthy: unchanged articles are skipped.`,
        { details: { notWritten, written } },
      );
    }
    const added = writes.flatMap((w, i) =>
      w.passages.map((p, j) => ({ id: assigned[i]?.[j] as number, embedding: p.embedding })),
    );
    return { removedPassageIds, added, generation: after.generation };
  }

  async function lexicalSearch(text: string, limit: number, filters?: SearchFilters): Promise<LexicalHit[]> {
    const terms = searchTerms(text);
    if (terms.length === 0 || limit <= 0) return [];
    const query = terms.join(' ');
    const res = await orEmpty(
      () =>
        client.search({
          index: names.passages,
          // Global term statistics: with 3 shards and a small collection, per-shard IDF would
          // rank differently from the embedded backend.
          search_type: 'dfs_query_then_fetch',
          allow_partial_search_results: false,
          track_total_hits: false,
          size: limit,
          _source: false,
          query: {
            bool: {
              should: [{ match: { text_terms: { query } } }, { match: { title_terms: { query } } }],
              minimum_should_match: 1,
              filter: filterClauses(filters),
            },
          },
        }),
      undefined,
    );
    return (res?.hits.hits ?? []).map((h) => ({ passageId: Number(h._id), bm25: h._score ?? 0 }));
  }

  return store;
}
