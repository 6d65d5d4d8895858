/** The storage seam: what search and ingest need from the source of truth. */
import type { PassageDraft } from '../chunk/index.js';
import type { ModelInfo } from '../embed/index.js';
import type { Article, Paragraph } from '../ingest/index.js';

export const SCHEMA_VERSION = 1;

export interface ChunkerSettings {
  maxTokens: number;
  overlapSentences: number;
  /** Whether the title is prepended to the text that gets embedded. */
  titlePrefix: boolean;
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
  contentHash: string;
  metadata: Record<string, unknown>;
  passageCount: number;
  updatedAt: string;
}

export interface StoredPassage {
  id: number;
  articleId: string;
  ordinal: number;
  paragraph: number;
  start: number;
  end: number;
  text: string;
  title: string;
  place: string | null;
  date: string | null;
  source: string | null;
}

export interface PassageWrite {
  draft: PassageDraft;
  embedding: Float32Array;
}

export interface ReplaceResult {
  removedPassageIds: number[];
  added: Array<{ id: number; embedding: Float32Array }>;
  generation: number;
}

/** Which passages a search may return. Every field narrows; absent fields do not. */
export interface SearchFilters {
  articleIds?: readonly string[] | undefined;
  source?: string | undefined;
  /** Inclusive ISO dates; articles without a date are left out when a range is given. */
  dateFrom?: string | undefined;
  dateTo?: string | undefined;
  /** Equality on metadata keys (JSON values compared as text). */
  metadata?: Readonly<Record<string, string | number | boolean>> | undefined;
}

export interface LexicalHit {
  passageId: number;
  /** FTS5 bm25(): lower is better, negative. */
  bm25: number;
}

export interface StoreStats {
  articles: number;
  passages: number;
  generation: number;
  databaseBytes: number;
}

export interface ChunkStore {
  readonly dir: string;
  manifest(): IndexManifest | undefined;
  /** Record the manifest of a new index; the caller has checked it is empty. */
  initManifest(manifest: IndexManifest): void;
  generation(): number;
  /** article id → content hash, for incremental ingest. */
  articleHashes(): Map<string, string>;
  /** Replace an article and all its passages in one transaction. */
  replaceArticle(article: Article, contentHash: string, passages: readonly PassageWrite[]): ReplaceResult;
  /** Remove articles and their passages in one transaction; returns the passage ids removed. */
  deleteArticles(ids: readonly string[]): { removedPassageIds: number[]; generation: number };
  getArticle(id: string): StoredArticle | undefined;
  getPassages(ids: readonly number[]): StoredPassage[];
  /** Passage ids allowed by the filters, or undefined when the filters allow everything. */
  filterPassageIds(filters: SearchFilters): Set<number> | undefined;
  lexicalSearch(text: string, limit: number, allowed?: Set<number>): LexicalHit[];
  /** Embeddings of the given passages (missing ids are absent from the map). */
  getEmbeddings(ids: readonly number[]): Map<number, Float32Array>;
  /** Every live passage id with its embedding, in id order. */
  embeddings(): IterableIterator<{ id: number; embedding: Float32Array }>;
  passageIds(): number[];
  stats(): StoreStats;
  /** Take the single-writer lock for the duration of `fn`. */
  withWriteLock<T>(fn: () => Promise<T>): Promise<T>;
  integrityCheck(): string;
  close(): void;
}
