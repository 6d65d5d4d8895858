/**
 * A page of result cards for a question: one wide search (the candidate set), grouped into
 * cards, optionally narrowed by place, sorted by relevance or date, counted into facets, and
 * cut to the requested page. The CLI, the page, the API and MCP all answer from this.
 */
import { SearchError } from '../../errors.js';
import {
  type Hit,
  hitHighlights,
  K_MAX,
  type SearchEngine,
  type SearchFilters,
  type SearchMode,
  type SearchResponse,
} from '../../index.js';
import { cardSnippets, collectionOf, metaLine, type ResultCard, toCards } from './cards.js';

export const FACET_NAMES = ['source', 'year', 'place', 'collection'] as const;
export type FacetName = (typeof FACET_NAMES)[number];
export type SortOrder = 'relevance' | 'date';

/** Cards per page when not given. */
export const DEFAULT_PAGE_SIZE = 10;
/** Cards that can be paged through: one wide search holds at least this many articles. */
export const RESULTS_WINDOW = K_MAX / 2;

export interface ResultsRequest {
  query: string;
  mode?: SearchMode;
  filters?: SearchFilters;
  minScore?: number;
  /** Only articles from this place (applied to the candidate set). */
  place?: string;
  /** Cards to skip. @default 0 */
  offset?: number;
  /** Cards per page. @default 10 */
  limit?: number;
  /** @default "relevance" */
  sort?: SortOrder;
  facets?: readonly FacetName[];
  /** Include score breakdowns on each card. @default false */
  explain?: boolean;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface ResultsResponse extends Omit<SearchResponse, 'hits'> {
  offset: number;
  limit: number;
  sort: SortOrder;
  /** Matching articles in the candidate set. */
  total: number;
  /** True when the candidate set was full, so more articles may match than `total`. */
  totalIsEstimate: boolean;
  cards: ResultCard[];
  /** The passages behind this page's cards, in score order. */
  hits: Hit[];
  facets?: Partial<Record<FacetName, FacetCount[]>>;
}

function yearOf(date: string | null): string | null {
  const m = /^(\d{4})/.exec(date ?? '');
  return m ? (m[1] as string) : null;
}

function facetValue(card: ResultCard, name: FacetName): string | null {
  if (name === 'year') return yearOf(card.date);
  return card[name];
}

function countFacets(cards: readonly ResultCard[], names: readonly FacetName[]) {
  const out: Partial<Record<FacetName, FacetCount[]>> = {};
  for (const name of names) {
    const counts = new Map<string, number>();
    for (const card of cards) {
      const value = facetValue(card, name);
      if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    out[name] = [...counts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }
  return out;
}

async function addCollections(engine: SearchEngine, cards: ResultCard[]): Promise<void> {
  await Promise.all(
    cards.map(async (card) => {
      const article = await engine.getArticle(card.articleId);
      card.collection = article ? collectionOf(article) : null;
      card.meta = metaLine(card);
    }),
  );
}

type ResultsRunner = (request: ResultsRequest) => Promise<ResultsResponse>;
/** Engines whose results are worked out elsewhere: the server's (its search pool's threads). */
const runners = new WeakMap<SearchEngine, ResultsRunner>();

/** From now on, `runResults(engine, …)` is answered by `runner`. */
export function delegateResults(engine: SearchEngine, runner: ResultsRunner): void {
  runners.set(engine, runner);
}

export function runResults(engine: SearchEngine, request: ResultsRequest): Promise<ResultsResponse> {
  return runners.get(engine)?.(request) ?? resultsHere(engine, request);
}

/** The results, worked out on this thread. */
export async function resultsHere(engine: SearchEngine, request: ResultsRequest): Promise<ResultsResponse> {
  const offset = request.offset ?? 0;
  const limit = request.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1) {
    throw new SearchError('BAD_INPUT', 'offset must be 0 or more and the page size 1 or more.');
  }
  if (offset + limit > RESULTS_WINDOW) {
    throw new SearchError(
      'BAD_INPUT',
      `Results can be paged through the first ${RESULTS_WINDOW}; narrow the question or add filters instead of paging to ${offset + limit}.`,
    );
  }
  const sort = request.sort ?? 'relevance';
  const response = await engine.search({
    query: request.query,
    k: K_MAX,
    ...(request.mode ? { mode: request.mode } : {}),
    ...(request.filters ? { filters: request.filters } : {}),
    ...(request.minScore !== undefined ? { minScore: request.minScore } : {}),
    // Only the page is shown: highlighting and cutting snippets for all hundred candidates
    // made a search over HTTP several times the cost of the search itself.
    highlights: false,
  });
  let cards = toCards(response.hits, response.query, request.explain ?? false, false);
  if (request.place) cards = cards.filter((c) => c.place === request.place);
  const facets = request.facets ?? [];
  if (facets.includes('collection')) await addCollections(engine, cards);
  if (sort === 'date') {
    cards = [...cards].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.rank - b.rank);
  }
  const page = cards.slice(offset, offset + limit).map((c, i) => ({ ...c, rank: offset + i + 1 }));
  if (!facets.includes('collection')) await addCollections(engine, page);
  const onPage = new Set(page.map((c) => c.articleId));
  const { hits: all, ...rest } = response;
  const hits = all
    .filter((h) => onPage.has(h.articleId))
    .map((h) => ({ ...h, highlights: hitHighlights(h, response.query) }));
  for (const card of page) {
    card.snippets = cardSnippets(
      hits.filter((h) => h.articleId === card.articleId),
      response.query,
    );
  }
  return {
    ...rest,
    k: limit,
    offset,
    limit,
    sort,
    total: cards.length,
    totalIsEstimate: all.length >= K_MAX,
    cards: page,
    hits,
    ...(facets.length > 0 ? { facets: countFacets(cards, facets) } : {}),
  };
}
