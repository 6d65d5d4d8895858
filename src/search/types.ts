/** What a search asks for and what it answers: the shape every front end returns. */
import type { ArticleFacts, SearchFilters } from '../backends/index.js';

export type SearchMode = 'hybrid' | 'dense' | 'lexical';

/** Longest query accepted, in characters (a pasted paragraph fits; the model reads its first 256 tokens). */
export const QUERY_MAX_CHARS = 10_000;
/** Hits returned when `k` is not given. */
export const DEFAULT_K = 10;
/** Most hits one search may ask for. */
export const K_MAX = 100;
/** Passages one article may contribute to a result list. */
export const DEFAULT_PASSAGES_PER_ARTICLE = 2;

export interface SearchRequest {
  query: string;
  /** Passages to return. @default 10 */
  k?: number | undefined;
  /** @default "hybrid" */
  mode?: SearchMode | undefined;
  filters?: SearchFilters | undefined;
  /** Drop hits whose calibrated relevance is below this (0..1). @default 0 */
  minScore?: number | undefined;
  /** @default 2 */
  passagesPerArticle?: number | undefined;
  /**
   * Mark each hit's best sentences. Off for a wide candidate search whose page is highlighted
   * afterwards (`hitHighlights`): a hundred hits cost more to highlight than to find. @default true
   */
  highlights?: boolean | undefined;
}

export interface Highlight {
  /** Offsets into the article text (same space as the passage's start/end). */
  start: number;
  end: number;
}

export interface HitScores {
  /** Cosine similarity of the question (as asked) and the passage, when the model is available. */
  dense: number | null;
  /** 1-based rank in the dense candidate list. */
  denseRank: number | null;
  /** BM25 relevance (higher is better), when the lexical side found it. */
  bm25: number | null;
  /** Share of the question's content words the passage or its title contains. */
  coverage: number;
  /** 1-based rank in the lexical candidate list. */
  lexicalRank: number | null;
}

export interface Hit extends ArticleFacts {
  rank: number;
  passageId: number;
  articleId: string;
  paragraph: number;
  start: number;
  end: number;
  text: string;
  /** The passage's best-matching sentences, as article offsets. */
  highlights: Highlight[];
  /**
   * Ordering score in (0, 1]: 61 / (60 + the rank of the hit's article), times the share of the
   * article's best relevance for a further passage of that article. 1 is the first article's
   * leading passage. It orders the hits and is relative to this list; `relevance` is the
   * number that means the same across questions.
   */
  score: number;
  /**
   * Calibrated relevance in [0, 1] from the question-passage cosine and word coverage; means
   * the same across queries and indexes (0.5 and up: more likely relevant than not).
   */
  relevance: number;
  /** True when relevance is below the good-match threshold (0.5). */
  weak: boolean;
  scores: HitScores;
}

export interface SearchTimings {
  embedMs: number;
  denseMs: number;
  lexicalMs: number;
  fusionMs: number;
  totalMs: number;
}

export interface SearchResponse {
  query: string;
  mode: SearchMode;
  k: number;
  generation: number;
  /** "good" when the first hit is likely relevant, "weak" when it may not answer, "none" when no hit is a good match (calibrated per question: confidence.ts). */
  match: 'good' | 'weak' | 'none';
  /** True when the question was longer than the model reads (the rest was not embedded). */
  queryTruncated: boolean;
  hits: Hit[];
  timings: SearchTimings;
}
