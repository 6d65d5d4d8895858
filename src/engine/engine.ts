/**
 * The library's front door: `createSearchEngine(options)` opens (or creates) an index and
 * gives ingest, search and read access. The parts are passed in (`store`, `vectorIndex`,
 * `maintenance`, `embedder`) or default to the embedded backend (SQLite + HNSW) and the
 * configured model. The CLI, HTTP API and MCP server are thin layers on it.
 *
 * @example
 * const engine = await createSearchEngine({ indexDir: 'index' });
 * await engine.ingestPaths(['seeds']);
 * const { hits } = await engine.search({ query: 'what did Abe say about the Kurils' });
 * await engine.close();
 */

import type {
  ArchiveOverview,
  ArchiveRequest,
  ArticleListing,
  ArticleListOptions,
  ChunkerSettings,
  ChunkStore,
  CorpusFacts,
  IndexMaintenance,
  StoredArticle,
  StoredPassage,
  VectorIndex,
} from '../backends/index.js';
import { SCHEMA_VERSION } from '../backends/index.js';
import { type ConfigOverrides, type ResolvedConfig, resolveConfig, type SemsearchConfig } from '../config.js';
import {
  createTransformersEmbedder,
  createWorkerEmbedder,
  type Embedder,
  type ModelInfo,
} from '../embed/index.js';
import type { IngestRunOptions, IngestSummary } from '../ingest/index.js';
import type { Article, LoadOptions } from '../parse/index.js';
import type { ResultsRequest, ResultsResponse, TitleMark } from '../results/index.js';
import type { EngineContext } from '../search/context.js';
import { type RankArticlesOptions, rankArticles, search } from '../search/search.js';
import type { SearchRequest, SearchResponse } from '../search/types.js';
import { findStatements, type StatementsRequest, type StatementsResponse } from './find-statements.js';
import { checkManifest, type ModelChoice, modelArgument } from './manifest.js';
import { openBackend } from './open-backend.js';
import { withQueryCache } from './query-cache.js';
import { results } from './results.js';
import { listSpeakers, refreshAtOpen, type SpeakersQuery, type SpeakersResponse } from './speakers.js';
import { listWithTitles, withTitle } from './titles.js';
import { deleteArticles, ingestArticles, ingestPaths } from './write.js';

export interface SearchEngineOptions extends ConfigOverrides {
  /** An already resolved configuration (the other configuration options are then ignored). */
  resolved?: ResolvedConfig;
  /** Use this embedder instead of loading one (tests plug a deterministic fake in here). */
  embedder?: Embedder;
  /** The store; with `vectorIndex` and `maintenance`, replaces the embedded backend. */
  store?: ChunkStore;
  vectorIndex?: VectorIndex;
  maintenance?: IndexMaintenance;
  /** Fail with INDEX_NOT_FOUND when the index folder has no database. @default false */
  mustExist?: boolean;
  /** Open the embedded index for reading only: writes fail INDEX_READ_ONLY. @default false: only when it cannot be written */
  readOnly?: boolean;
  /** Where log lines go. @default stderr, unless logLevel is "silent" */
  log?: (line: string) => void;
  /**
   * Run the model on a worker thread, so that embedding never holds this thread (a server
   * stays responsive during writes and uses a second core); large batches of passages are
   * written to the embedded index on a worker too. @default false (one thread: the CLI starts
   * faster without a worker)
   */
  embedInWorker?: boolean;
  /**
   * On opening a writable index, read the statements of articles stored without them or by
   * another extractor version (no re-embedding; progress on the log for a large index).
   * @default true (search workers beside a writer leave it to the writer)
   */
  refreshStatements?: boolean;
}

export interface EngineStats {
  indexDir: string;
  articles: number;
  passages: number;
  generation: number;
  databaseBytes: number;
  vectorBytes: number;
  model: ModelInfo | null;
  chunker: ChunkerSettings | null;
  schemaVersion: number;
}

export interface SearchEngine {
  readonly config: Readonly<SemsearchConfig>;
  /**
   * Load the model now rather than on the first request and, for a process that will search
   * many times, build the in-memory BM25 index (`lexical`, the default; same scores as the
   * store's own index, a tenth of the time at 100k passages).
   */
  warmUp(options?: { lexical?: boolean }): Promise<void>;
  isReady(): boolean;
  ingestPaths(paths: readonly string[], options?: IngestRunOptions & LoadOptions): Promise<IngestSummary>;
  ingestArticles(articles: readonly Article[], options?: IngestRunOptions): Promise<IngestSummary>;
  deleteArticles(ids: readonly string[]): Promise<{ removed: number; generation: number }>;
  /** Passage hits, best first (the library's plain search). */
  search(request: SearchRequest): Promise<SearchResponse>;
  /** A page of result cards: what the CLI, the page, the API and MCP show. */
  results(request: ResultsRequest): Promise<ResultsResponse>;
  /** What a person said (on a topic): their statements in the articles a search finds. */
  statements(request: StatementsRequest): Promise<StatementsResponse>;
  /** The speakers of the whole index, most quoted first, with counts and date ranges. */
  speakers(query?: SpeakersQuery): Promise<SpeakersResponse>;
  rankArticles(
    query: string,
    options?: RankArticlesOptions,
  ): Promise<Array<{ articleId: string; score: number }>>;
  /** One article; without a title of its own, one derived from its first words (`titleDerived`). */
  getArticle(id: string): Promise<(StoredArticle & TitleMark) | undefined>;
  /** Articles by id, a page at a time (untitled ones with a derived title, as getArticle). */
  listArticles(
    options?: ArticleListOptions,
  ): Promise<{ total: number; articles: Array<ArticleListing & TitleMark> }>;
  /** Collections and their article counts. */
  collections(): Promise<Array<{ name: string; articles: number }>>;
  /** Article, collection and source counts and the date range of the whole index. */
  corpusFacts(): Promise<CorpusFacts>;
  /** Articles per month, the newest articles and when each collection last changed (the page's first screen). */
  archive(request: ArchiveRequest): Promise<ArchiveOverview>;
  /** The index's generation: it changes with every write, so it keys what is worked out from the index. */
  generation(): Promise<number>;
  /** Every article id in the index. */
  articleIds(): Promise<string[]>;
  getPassage(id: number): Promise<StoredPassage | undefined>;
  stats(): Promise<EngineStats>;
  integrityCheck(): Promise<string>;
  close(): Promise<void>;
}

function defaultLog(config: Readonly<SemsearchConfig>): (line: string) => void {
  return config.logLevel === 'silent' || config.logLevel === 'error'
    ? () => {}
    : (line: string) => process.stderr.write(`semsearch: ${line}\n`);
}

/** Load the embedder once, on first use, and check it against the index's manifest. */
function embedderLoader(
  store: ChunkStore,
  choice: ModelChoice,
  injected: Embedder | undefined,
  log: (l: string) => void,
  inWorker: boolean,
) {
  let promise: Promise<Embedder> | undefined = injected ? Promise.resolve(injected) : undefined;
  let loaded = injected !== undefined;
  const get = (): Promise<Embedder> => {
    if (!promise) {
      promise = (async () => {
        const manifest = await store.manifest();
        const create = inWorker ? createWorkerEmbedder : createTransformersEmbedder;
        const e = await create({
          model: manifest ? modelArgument(manifest.model) : choice.config.model,
          dtype: (manifest?.model.dtype as SemsearchConfig['dtype'] | undefined) ?? choice.config.dtype,
          cacheDir: choice.config.modelCacheDir,
          batchSize: choice.config.batchSize,
          log,
        });
        const now = await store.manifest();
        if (now) checkManifest(now, choice, e.info);
        loaded = true;
        return withQueryCache(e, choice.config.queryCacheSize);
      })();
      promise.catch(() => {
        promise = undefined;
      });
    }
    return promise;
  };
  return { get, loaded: () => loaded, current: () => promise };
}

export async function createSearchEngine(options: SearchEngineOptions = {}): Promise<SearchEngine> {
  const {
    embedder: injected,
    mustExist,
    readOnly,
    embedInWorker,
    refreshStatements,
    log: logOption,
    store: s,
    vectorIndex: v,
    maintenance: m,
    resolved,
    ...overrides
  } = options;
  const config = resolved ?? resolveConfig(overrides);
  const log = logOption ?? defaultLog(config);
  const parts =
    s && v && m
      ? { store: s, vectorIndex: v, maintenance: m }
      : await openBackend(config, {
          mustExist: mustExist ?? false,
          readOnly,
          log,
          // Compaction and the like: only when asked for (--verbose, logLevel "debug").
          debug: config.logLevel === 'debug' ? log : undefined,
          // A server (the one that embeds on a worker) writes large articles on one too.
          offThreadWrites: embedInWorker,
        });
  const choice: ModelChoice = {
    config,
    explicitModel: config.chosen.includes('model'),
    explicitDtype: config.chosen.includes('dtype'),
    location: parts.maintenance.location,
  };
  const initial = await parts.store.manifest();
  if (initial) checkManifest(initial, choice, injected?.info);
  const models = embedderLoader(parts.store, choice, injected, log, embedInWorker ?? false);
  const ctx: EngineContext = { config, ...parts, embedder: models.get, embedderLoaded: models.loaded, log };
  if ((refreshStatements ?? true) && !readOnly) await refreshAtOpen(ctx);

  return {
    config,
    async warmUp(warmOptions = {}) {
      await ctx.embedder();
      if (warmOptions.lexical ?? true) await ctx.store.warmLexical();
    },
    isReady: models.loaded,
    ingestPaths: (paths, runOptions) => ingestPaths(ctx, paths, runOptions),
    ingestArticles: (articles, runOptions) => ingestArticles(ctx, articles, runOptions),
    deleteArticles: (ids) => deleteArticles(ctx, ids),
    search: (request) => search(ctx, request),
    results: (request) => results(ctx, request),
    statements: (request) => findStatements(ctx, request),
    speakers: (query) => listSpeakers(ctx, query),
    corpusFacts: () => ctx.store.corpusFacts(),
    archive: (request) => ctx.store.archiveOverview(request),
    generation: () => ctx.store.generation(),
    rankArticles: (query, rankOptions) => rankArticles(ctx, query, rankOptions),
    getArticle: async (id) => {
      const article = await ctx.store.getArticle(id);
      return article && withTitle(article);
    },
    listArticles: (listOptions = {}) => listWithTitles(ctx.store, listOptions),
    collections: () => ctx.store.collections(),
    articleIds: async () => [...(await ctx.store.articleHashes()).keys()],
    getPassage: async (id) => (await ctx.store.getPassages([id]))[0],
    async stats() {
      const st = await ctx.store.stats();
      const manifest = await ctx.store.manifest();
      return {
        indexDir: parts.maintenance.location,
        articles: st.articles,
        passages: st.passages,
        generation: st.generation,
        databaseBytes: st.databaseBytes,
        vectorBytes: await ctx.vectorIndex.sizeBytes(),
        model: manifest?.model ?? null,
        chunker: manifest?.chunker ?? null,
        schemaVersion: SCHEMA_VERSION,
      };
    },
    integrityCheck: () => parts.maintenance.integrityCheck(),
    async close() {
      const pending = models.current();
      const e = pending ? await pending.catch(() => undefined) : undefined;
      if (e && !injected) await e.dispose();
      await ctx.vectorIndex.close();
      await ctx.store.close();
    },
  };
}
