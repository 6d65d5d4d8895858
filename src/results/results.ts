/**
 * A page of result cards for a question: one wide search (the candidate set, filters applied
 * in the backend) grouped into cards, sorted by relevance or date, counted into facets, and
 * cut to the requested page. The CLI, the page, the API and MCP all answer from this.
 */
import { type ParsedQuery, parseQuery } from '../analysis/index.js';
import type { ArticleStory, SearchFilters, WordFrequencies } from '../backends/index.js';
import { SearchError } from '../errors.js';
import {
  cardEvidence,
  GOOD_CONFIDENCE,
  type Hit,
  hitHighlights,
  K_MAX,
  labelConfidence,
  labelEvidence,
  matchOf,
  type SearchMode,
  type SearchResponse,
  wordWeights,
} from '../search/index.js';
import { answerForm, isTopic, LEDE_BONUS, TOPIC_LEDE_BONUS, withoutFormWords } from './answer-sentences.js';
import { type ArticleText, cardSnippets, type ResultCard, toCards, webLink } from './cards.js';
import type { AnswerStatement } from './statements.js';
import { collapseStories } from './stories.js';

export const FACET_NAMES = ['source', 'year', 'place', 'collection'] as const;
export type FacetName = (typeof FACET_NAMES)[number];
export type SortOrder = 'relevance' | 'date';

/** Cards per page when not given. */
export const DEFAULT_PAGE_SIZE = 10;
/** Cards that can be paged through: one wide search holds at least this many articles. */
export const RESULTS_WINDOW = K_MAX / 2;

export interface ResultsRequest {
  query: string;
  mode?: SearchMode | undefined;
  filters?: SearchFilters | undefined;
  minScore?: number | undefined;
  /** Only articles from this place (a filter like the others, applied in the backend). */
  place?: string | undefined;
  /** Cards to skip. @default 0 */
  offset?: number | undefined;
  /** Cards per page. @default 10 */
  limit?: number | undefined;
  /** @default "relevance" */
  sort?: SortOrder | undefined;
  facets?: readonly FacetName[] | undefined;
  /** Include score breakdowns on each card. @default false */
  explain?: boolean | undefined;
  /** One card per story (copies listed on it); false: a card for every copy. @default true */
  collapse?: boolean | undefined;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface ResultsResponse extends Omit<SearchResponse, 'hits'> {
  offset: number;
  limit: number;
  sort: SortOrder;
  /**
   * Stories (articles, with collapse false) in the candidate set, likely relevant or not: what
   * paging goes through.
   */
  total: number;
  /**
   * Of those, the ones likely to answer the question: their card is not `weak` (the label's
   * notion of a match). `sort: "date"` orders these by date and puts the rest after them.
   */
  matches: number;
  /** True when the candidate set was full, so more articles may match than `total`. */
  totalIsEstimate: boolean;
  cards: ResultCard[];
  /** The passages behind this page's cards, in score order. */
  hits: Hit[];
  facets?: Partial<Record<FacetName, FacetCount[]>>;
  /**
   * For a question about what someone said ("what did Abe say about the Kurils"): the
   * speaker's statements in the first articles, most about the topic first, ahead of the cards.
   */
  statements?: AnswerStatement[];
  /** Who the question's speaker matched among the speakers quoted, and in how many articles. */
  speaker?: { asked: string; topic: string; matched: string[]; quotedIn: number };
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

/** Check a page request: BAD_INPUT for an offset or size out of range. */
export function checkPage(request: Pick<ResultsRequest, 'offset' | 'limit'>): {
  offset: number;
  limit: number;
} {
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
  return { offset, limit };
}

/**
 * A page of cards from one wide search (its hits in score order, not yet highlighted): cards
 * grouped, sorted, counted into facets and cut to the page; only the page's hits are
 * highlighted. The cards are left without snippets (answerPage adds them).
 */
export function pageOf(
  response: SearchResponse,
  query: ParsedQuery,
  request: Omit<ResultsRequest, 'query'>,
  stories?: ReadonlyMap<string, ArticleStory>,
): ResultsResponse {
  const { offset, limit } = checkPage(request);
  const sort = request.sort ?? 'relevance';
  let cards = toCards(response.hits, request.explain ?? false);
  if (stories && request.collapse !== false) cards = collapseStories(cards, stories);
  if (stories) for (const card of cards) card.url = ownLink(card.articleId, stories);
  if (sort === 'date') {
    // Newest first among the likely relevant; the loosely related keep their relevance order
    // after them (a date says nothing of whether an article answers).
    const byDate = (a: ResultCard, b: ResultCard) =>
      (b.date ?? '').localeCompare(a.date ?? '') || a.rank - b.rank;
    cards = [...cards.filter((c) => !c.weak).sort(byDate), ...cards.filter((c) => c.weak)];
  }
  const page = cards.slice(offset, offset + limit).map((c, i) => ({ ...c, rank: offset + i + 1 }));
  const onPage = new Set(page.map((c) => c.articleId));
  const { hits: all, ...rest } = response;
  const hits = all
    .filter((h) => onPage.has(h.articleId))
    .map((h) => ({ ...h, highlights: hitHighlights(h, query) }));
  const facets = request.facets ?? [];
  const page_: ResultsResponse = {
    ...rest,
    k: limit,
    offset,
    limit,
    sort,
    total: cards.length,
    matches: cards.filter((c) => !c.weak).length,
    totalIsEstimate: all.length >= K_MAX,
    cards: page,
    hits,
  };
  if (facets.length > 0) page_.facets = countFacets(cards, facets);
  return page_;
}

/** Cards at the top of a first page that may trade places to lead with the one that answers. */
export const ANSWER_LEADS = 3;
/**
 * The passage relevance (calibrated, 0..1) a card needs to move ahead of another for its
 * answer: at least LEAD_RELEVANCE, and at most LEAD_SLACK below the first card's. Measured
 * (card nDCG@10 against the engine's order; BBC answer in the first card): with neither, TIME
 * +0.006 but SciFact −0.011 and TIME's first card relevant for 0.71 of questions instead of
 * 0.81; with both (floors 0.25–0.35, slack 0.1–0.2 alike) BBC 0.88 against 0.72 unmoved, TIME
 * +0.006, Cranfield +0.001, SciFact −0.005.
 */
export const LEAD_RELEVANCE = 0.3;
export const LEAD_SLACK = 0.2;

/**
 * Snippets for a page's cards, from the sentences that best answer the question: of each
 * card's whole article where `articles` holds its text, else of its passages. The question's
 * words are weighted by their rarity in the index (`frequencies`) where the store can count
 * them, else among the candidates (`candidates`, the search's passage texts). On a first page
 * ordered by relevance, the first ANSWER_LEADS cards are put in order of their best sentence:
 * the engine ranks articles, and among the first few the reader wants the one that answers.
 */
export function answerPage(
  page: ResultsResponse,
  query: ParsedQuery,
  candidates: readonly string[],
  articles?: ReadonlyMap<string, ArticleText>,
  frequencies?: WordFrequencies,
): ResultsResponse {
  const form = answerForm(page.query);
  const weights = withoutFormWords(wordWeights(query, candidates, frequencies), form);
  const lede = isTopic(page.query) ? TOPIC_LEDE_BONUS : LEDE_BONUS;
  const answers = page.cards.map((card) => {
    const answer = cardSnippets(
      page.hits.filter((h) => h.articleId === card.articleId),
      query,
      weights,
      articles?.get(card.articleId),
      form,
      lede,
    );
    card.snippets = answer.snippets;
    return answer.score;
  });
  if (page.offset === 0 && page.sort === 'relevance') {
    const engineFirst = page.cards[0]?.articleId;
    page.cards = leadWithAnswer(page, answers);
    const first = page.cards[0];
    const article = first && articles?.get(first.articleId);
    if (first && article && first.articleId !== engineFirst) relabel(page, first, article);
  }
  return page;
}

/**
 * The label speaks for the first card: when another card comes first for its answer, the label
 * is that card's, from its evidence and its whole article (src/search/confidence.ts).
 */
function relabel(page: ResultsResponse, card: ResultCard, article: ArticleText): void {
  const order = [...new Set(page.hits.map((h) => h.articleId))];
  const evidence = cardEvidence(page.hits)[order.indexOf(card.articleId)];
  if (!evidence) return;
  const words = labelEvidence(evidence, { title: card.title, text: article.text }, parseQuery(page.query));
  const confidence = labelConfidence(words);
  page.match = matchOf(confidence);
  card.weak = confidence < GOOD_CONFIDENCE;
}

/** The best relevance among a card's passages on the page. */
function relevanceOf(page: ResultsResponse, articleId: string): number {
  return Math.max(0, ...page.hits.filter((h) => h.articleId === articleId).map((h) => h.relevance));
}

/**
 * The first ANSWER_LEADS cards in order of how well their best sentence answers, among those
 * that match at least LEAD_RELEVANCE and nearly as well as the first (others keep their place): the engine ranks articles, and
 * of the first few that match, the reader wants first the one that shows the answer.
 */
function leadWithAnswer(page: ResultsResponse, answers: readonly number[]): ResultCard[] {
  const top = page.cards.slice(0, ANSWER_LEADS);
  const floor = Math.max(LEAD_RELEVANCE, relevanceOf(page, top[0]?.articleId ?? '') - LEAD_SLACK);
  const movable = top
    .map((card, i) => ({ card, i, answer: answers[i] ?? 0 }))
    .filter(({ card, i }) => i === 0 || relevanceOf(page, card.articleId) >= floor);
  const order = [...movable].sort((a, b) => b.answer - a.answer || a.i - b.i);
  const lead = [...top];
  movable.forEach(({ i }, k) => {
    lead[i] = order[k]?.card as ResultCard;
  });
  return [...lead.map((card, i) => ({ ...card, rank: i + 1 })), ...page.cards.slice(ANSWER_LEADS)];
}

/** pageOf, with snippets from the cards' passages (no article text, no index frequencies). */
export function resultsPage(
  response: SearchResponse,
  query: ParsedQuery,
  request: Omit<ResultsRequest, 'query'>,
  stories?: ReadonlyMap<string, ArticleStory>,
): ResultsResponse {
  return answerPage(
    pageOf(response, query, request, stories),
    query,
    response.hits.map((h) => h.text),
  );
}

/** The article's own web address, from its story's member list (which names every copy's). */
function ownLink(articleId: string, stories: ReadonlyMap<string, ArticleStory>): string | null {
  const member = stories.get(articleId)?.members.find((m) => m.id === articleId);
  return webLink(member?.url);
}
