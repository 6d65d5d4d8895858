/** What a search asks for and what it answers: the shape every front end returns. */
import type { SearchFilters } from '../store/index.js';

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
  k?: number;
  /** @default "hybrid" */
  mode?: SearchMode;
  filters?: SearchFilters;
  /** Drop hits whose fused score is below this (0..1). @default 0 */
  minScore?: number;
  /** @default 2 */
  passagesPerArticle?: number;
}

export interface Highlight {
  /** Offsets into the article text (same space as the passage's start/end). */
  start: number;
  end: number;
}

export interface HitScores {
  /** Cosine similarity of query and passage, when the dense side found it. */
  dense: number | null;
  /** 1-based rank in the dense candidate list. */
  denseRank: number | null;
  /** FTS5 bm25 (lower is better), when the lexical side found it. */
  bm25: number | null;
  /** 1-based rank in the lexical candidate list. */
  lexicalRank: number | null;
}

export interface Hit {
  rank: number;
  passageId: number;
  articleId: string;
  title: string;
  place: string | null;
  date: string | null;
  source: string | null;
  paragraph: number;
  start: number;
  end: number;
  text: string;
  /** The passage's best-matching sentences, as article offsets. */
  highlights: Highlight[];
  /**
   * Fused score in (0, 1]: weighted reciprocal-rank fusion divided by its maximum, so 1 means
   * "first in every list used". In dense or lexical mode only that list counts.
   */
  score: number;
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
  hits: Hit[];
  timings: SearchTimings;
}
