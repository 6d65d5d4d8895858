/**
 * The storage seam: what search and ingest need from the source of truth. Every method is
 * async so that a networked store (Elasticsearch) fits the same shape as embedded SQLite.
 */
import type { PassageDraft } from '../chunk/index.js';
import type { CopyFacts } from '../copies/index.js';
import type { ModelInfo } from '../embed/index.js';
import type { Article, Paragraph } from '../parse/index.js';
import type { ArchiveOverview, ArchiveRequest } from './archive.js';
import type { ArticleListing, ArticleListOptions, CorpusFacts, StoreStats } from './store-listing.js';
import type { SearchFilters, StoreChange } from './store-shapes.js';
import type { ArticleStatements, StatementStore } from './store-statements.js';

export * from './store-listing.js';
export * from './store-shapes.js';
export * from './store-statements.js';

/** 6: statements stored with their article (a table, and a version per article). */
export const SCHEMA_VERSION = 6;

export interface ChunkerSettings {
  maxTokens: number;
  overlapSentences: number;
  /** Whether the title is prepended to the text that gets embedded. */
  titlePrefix: boolean;
  /**
   * Whether the article's lede (first sentence) is embedded with every later passage too.
   * Absent means no: indexes built before the setting existed keep their content hashes.
   */
  ledePrefix?: boolean;
}

export interface IndexManifest {
  schemaVersion: number;
  model: ModelInfo;
  chunker: ChunkerSettings;
  createdAt: string;
}

export interface StoredArticle {
  id: string;
  title: string;
  text: string;
  paragraphs: Paragraph[];
  place: string | null;
  date: string | null;
  source: string | null;
  sourcePath: string | null;
  /** The collection (first segment of the id) the article was ingested into, if any. */
  collection: string | null;
  contentHash: string;
  metadata: Record<string, unknown>;
  passageCount: number;
  updatedAt: string;
}

/** What a passage, a hit and a result card say of their article. */
export interface ArticleFacts {
  title: string;
  place: string | null;
  date: string | null;
  source: string | null;
  /** The article's collection (the folder or feed it came from), if any. */
  collection: string | null;
}

export interface StoredPassage extends ArticleFacts {
  id: number;
  articleId: string;
  ordinal: number;
  paragraph: number;
  start: number;
  end: number;
  text: string;
}

export interface PassageWrite {
  draft: PassageDraft;
  embedding: Float32Array;
  /** The key of the text that was embedded (see embeddingKey): the same text reuses the vector. */
  key?: string | undefined;
}

/** One article and its passages, written together. */
export interface ArticleWrite {
  article: Article;
  contentHash: string;
  passages: readonly PassageWrite[];
  /** Its story and fingerprints; absent: a story of its own, never matched as a near copy. */
  copy?: CopyFacts | undefined;
  /**
   * Its statements, extracted from its text. Absent: none are stored and the article's are
   * stale (read when the index is next opened for writing). `updateArticleFields` keeps the
   * stored ones when absent (the text is the same).
   */
  statements?: ArticleStatements | undefined;
}

/** One article of a story, as a result card names it. */
export interface StoryMember {
  id: string;
  title: string;
  source: string | null;
  date: string | null;
  collection: string | null;
  /** The article's link (metadata `link` or `url`), if it has one. */
  url: string | null;
  /** Length of its text in characters: the fullest copy leads a story's card. */
  chars: number;
}

/** An article's story: its id and every article in it (the article itself included), by id. */
export interface ArticleStory {
  story: string;
  members: StoryMember[];
}

export interface LexicalHit {
  passageId: number;
  /** BM25 relevance: higher is better (the store's own scale). */
  bm25: number;
}

/**
 * What a store does beyond what every store must: the real differences between backends, for
 * callers that choose how to ask. Every method of ChunkStore works on every store.
 */
export interface StoreCapabilities {
  /**
   * `wordCoverage` answers from an index of the passages' words (the embedded store's
   * in-memory BM25, once warm). False: it answers every call with an empty map, and callers
   * work coverage out from the passages' text.
   */
  readonly exactWordCoverage: boolean;
  /**
   * `articleLayouts` and `updateArticleFields` keep an article's passages when only its own
   * fields change. False: `articleLayouts` knows no layout (an empty map), so ingest never asks
   * `updateArticleFields`, which refuses.
   */
  readonly fieldUpdates: boolean;
  /**
   * `warmLexical` builds an in-process BM25 index that later searches answer from. False: it
   * does nothing, and lexical search always runs in the store's own index.
   */
  readonly inMemoryLexical: boolean;
  /**
   * Every call is a request to a server, a few milliseconds whatever it asks for: one larger
   * read beats two smaller ones in a row (on Elasticsearch, reading ~200 candidate passages
   * whole took less time than `passageArticles` now and the chosen passages' text later).
   * False: reads run in this process, and reading less is what saves time.
   */
  readonly networked: boolean;
}

/** Where a stored passage sits in its article, and the key of the text embedded for it. */
export interface PassageLayout {
  ordinal: number;
  paragraph: number;
  start: number;
  end: number;
  key: string | null;
}

/** A stored article's title (the lexical index holds it with each passage) and its passages. */
export interface ArticleLayout {
  title: string;
  passages: PassageLayout[];
}

/**
 * How a change of an article's own fields (metadata, date, source, place) keeps its passages and
 * vectors: ingest compares the stored layout with the new one and, when the embedded text is
 * the same, rewrites the article alone. A store without `capabilities.fieldUpdates` knows no
 * layout (its passages carry the article's fields too), so ingest rewrites the passages there,
 * with their stored vectors (no embedding either way).
 */
export interface FieldUpdates {
  /** The title and passage layout of each stored article (unknown ids are absent). */
  articleLayouts(ids: readonly string[]): Promise<Map<string, ArticleLayout>>;
  /**
   * Rewrite each article's own fields (metadata, date, source, place, path, text, hash, copy
   * facts) and keep its passages and their vectors as stored; the caller has checked that the
   * passages and the title are the same. One new generation, no passage change.
   */
  updateArticleFields(writes: readonly ArticleWrite[]): Promise<StoreChange>;
}

export interface ChunkStore extends FieldUpdates, StatementStore {
  readonly capabilities: StoreCapabilities;
  manifest(): Promise<IndexManifest | undefined>;
  /** Record the manifest of a new index; the caller has checked it is empty. */
  initManifest(manifest: IndexManifest): Promise<void>;
  generation(): Promise<number>;
  /** article id → content hash, for incremental ingest. */
  articleHashes(): Promise<Map<string, string>>;
  /** article id → story and fingerprints, for finding copies across the whole index. */
  articleCopies(): Promise<Map<string, CopyFacts>>;
  /** Stored vectors by the key of their embedded text (keys not stored are absent). */
  embeddingsByKey(keys: readonly string[]): Promise<Map<string, Float32Array>>;
  /** The story of each given article with all its members (unknown ids are absent). */
  stories(ids: readonly string[]): Promise<Map<string, ArticleStory>>;
  /** Replace each article and all its passages; each article is atomic on its own. */
  replaceArticles(writes: readonly ArticleWrite[]): Promise<StoreChange>;
  /** Remove articles and their passages; returns the passage ids removed. */
  deleteArticles(ids: readonly string[]): Promise<StoreChange>;
  getArticle(id: string): Promise<StoredArticle | undefined>;
  /** Articles by id, a page at a time (see listWindow), with the total. */
  listArticles(options: ArticleListOptions): Promise<{ total: number; articles: ArticleListing[] }>;
  /** Collections with their article counts, by name. */
  collections(): Promise<Array<{ name: string; articles: number }>>;
  /** Article, collection and source counts and the date range of the whole index. */
  corpusFacts(): Promise<CorpusFacts>;
  /** Articles per month, the newest articles and each collection's last change (archive.ts). */
  archiveOverview(request: ArchiveRequest): Promise<ArchiveOverview>;
  /** Source paths of the given articles (articles without one are absent). */
  sourcePaths(ids: readonly string[]): Promise<Map<string, string>>;
  getPassages(ids: readonly number[]): Promise<StoredPassage[]>;
  /**
   * The article of each passage (absent ids are left out): what grouping candidates by article
   * needs, without reading their text.
   */
  passageArticles(ids: readonly number[]): Promise<Map<number, string>>;
  /**
   * The relevance model's word coverage of passages, from an index of their words: for each
   * passage it can answer exactly, the share of the groups (a query word's Porter stems each)
   * with a stem among the passage's words (title included). Passages left out (all of them,
   * without `capabilities.exactWordCoverage`) are for the caller to work out from their text.
   */
  wordCoverage(ids: readonly number[], groups: readonly (readonly string[])[]): Promise<Map<number, number>>;
  /**
   * How common each word group (a query word's Porter stems) is in the whole index: the passages
   * holding one of its stems, beside the number of passages. A count is null where the store's
   * terms cannot say (a stem its index makes differently).
   */
  wordFrequencies(groups: readonly (readonly string[])[]): Promise<WordFrequencies>;
  /** BM25 over passage text and title, best first, with the filters applied inside the query. */
  lexicalSearch(text: string, limit: number, filters?: SearchFilters): Promise<LexicalHit[]>;
  /**
   * Prepare lexical search for a process that will search many times: with
   * `capabilities.inMemoryLexical`, build the in-memory BM25 index of the passages now (same
   * scores as `lexicalSearch` from the store's own index, faster); otherwise nothing to do.
   */
  warmLexical(): Promise<void>;
  /** Embeddings of the given passages (missing ids are absent from the map). */
  getEmbeddings(ids: readonly number[]): Promise<Map<number, Float32Array>>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}

/** How common words are in an index (ChunkStore.wordFrequencies). */
export interface WordFrequencies {
  passages: number;
  /** Per group: the passages holding it, or null when unknown. */
  counts: Array<number | null>;
}

/** Upkeep that is not search: one writer at a time, and a health check of the stored data. */
export interface IndexMaintenance {
  /** A human name for where the index lives (a folder, a cluster URL). */
  readonly location: string;
  /** Take the single-writer lock for the duration of `fn`. */
  withWriteLock<T>(fn: () => Promise<T>): Promise<T>;
  /** "ok", or what is wrong. */
  integrityCheck(): Promise<string>;
}

export { articleCollection, byCountThenName, dateUpperBound } from './store-helpers.js';
