/**
 * A search, stage by stage: plan (the question checked and parsed once) → retrieve (dense and
 * lexical lists, fused) → group by article → choose what to show (evidence, relevance) →
 * hits. Article rankings for evaluation stop after grouping.
 */

import { type Chosen, choosePassages } from './choose.js';
import {
  type ConfidenceFeatures,
  cardEvidence,
  confidenceOf,
  GOOD_CONFIDENCE,
  labelConfidence,
  labelEvidence,
  matchOf,
} from './confidence.js';
import type { EngineContext } from './context.js';
import type { Candidate, RankedArticle } from './fusion.js';
import { groupByArticle } from './group.js';
import { toHit } from './hits.js';
import { planQuery, type QueryPlan, validateK } from './plan.js';
import {
  DENSE_CANDIDATES,
  type FusionTuning,
  LEXICAL_CANDIDATES,
  type RetrievalDepth,
  type Retrieved,
  retrieve,
} from './retrieval.js';
import {
  DEFAULT_PASSAGES_PER_ARTICLE,
  type Hit,
  type SearchMode,
  type SearchRequest,
  type SearchResponse,
} from './types.js';

/** The stages up to the chosen passages, for a search and for a page of result cards. */
export interface SearchRun {
  plan: QueryPlan;
  retrieved: Retrieved;
  articles: RankedArticle<Candidate>[];
  chosen: Chosen[];
}

async function rank(ctx: EngineContext, plan: QueryPlan, depth: RetrievalDepth) {
  const retrieved = await retrieve(ctx, plan, depth);
  const t = performance.now();
  const articles = await groupByArticle(ctx, plan, retrieved.candidates);
  retrieved.timings.fusionMs += performance.now() - t;
  return { retrieved, articles };
}

/** Plan, retrieve, group and choose: the passages a search shows, best first. */
export async function runSearch(ctx: EngineContext, request: SearchRequest): Promise<SearchRun> {
  const plan = planQuery(request);
  const k = validateK(request.k);
  const { retrieved, articles } = await rank(ctx, plan, {
    denseDepth: DENSE_CANDIDATES,
    lexicalDepth: LEXICAL_CANDIDATES,
  });
  const chosen = await choosePassages(ctx, plan, retrieved, articles, {
    k,
    perArticle: request.passagesPerArticle ?? DEFAULT_PASSAGES_PER_ARTICLE,
    minScore: request.minScore ?? 0,
  });
  return { plan, retrieved, articles, chosen };
}

/**
 * How sure each article of a hit list is to be relevant (confidence.ts), from the evidence of
 * the list as a whole: the label over the list is its first article's, and a hit is weak when
 * its article is below a good match.
 */
async function articleConfidence(
  ctx: EngineContext,
  plan: QueryPlan,
  hits: readonly Hit[],
): Promise<Map<string, number>> {
  const evidence = cardEvidence(hits);
  const articles = [...new Set(hits.map((h) => h.articleId))];
  const out = new Map(articles.map((a, i) => [a, confidenceOf(evidence[i] as ConfidenceFeatures)]));
  // The first card, which the label speaks for, is judged with its whole article (confidence.ts).
  const first = articles[0];
  const article = first === undefined ? undefined : await ctx.store.getArticle(first);
  if (first !== undefined && article && evidence[0]) {
    out.set(first, labelConfidence(labelEvidence(evidence[0], article, plan.parsed)));
  }
  return out;
}

/** The response of a run: hits in order, the match label, timings. */
export async function searchResponse(
  ctx: EngineContext,
  run: SearchRun,
  k: number,
  highlights: boolean,
  started: number,
): Promise<SearchResponse> {
  const hits = run.chosen.map((c, i) => toHit(c, i + 1, run.plan.parsed, highlights));
  const confidence = await articleConfidence(ctx, run.plan, hits);
  for (const h of hits) h.weak = (confidence.get(h.articleId) ?? 0) < GOOD_CONFIDENCE;
  return {
    query: run.plan.query,
    mode: run.plan.mode,
    k,
    generation: await ctx.store.generation(),
    match: matchOf(hits[0] ? confidence.get(hits[0].articleId) : undefined),
    queryTruncated: run.retrieved.queryTruncated,
    hits,
    timings: { ...run.retrieved.timings, totalMs: performance.now() - started },
  };
}

export async function search(ctx: EngineContext, request: SearchRequest): Promise<SearchResponse> {
  const started = performance.now();
  const run = await runSearch(ctx, request);
  return searchResponse(ctx, run, validateK(request.k), request.highlights !== false, started);
}

export interface RankArticlesOptions extends FusionTuning {
  mode?: SearchMode;
  /** Articles to return. @default 100 */
  limit?: number;
  /** Passages taken from each list before fusion. @default 1000 */
  depth?: number;
}

/** Articles ranked by their best passage, for evaluation against judged queries. */
export async function rankArticles(
  ctx: EngineContext,
  query: string,
  options: RankArticlesOptions = {},
): Promise<Array<{ articleId: string; score: number }>> {
  const depth = options.depth ?? 1000;
  const plan = planQuery({ query, mode: options.mode });
  const { articles } = await rank(ctx, plan, { denseDepth: depth, lexicalDepth: depth, tuning: options });
  return articles.slice(0, options.limit ?? 100).map((a) => ({ articleId: a.articleId, score: a.score }));
}
