/**
 * A page of result cards: the search pipeline run wide (K_MAX passages, the place filter in
 * the backend with the others), then grouped into cards, paged and counted (src/results).
 */

import { checkPage, type ResultsRequest, type ResultsResponse, resultsPage } from '../results/index.js';
import type { EngineContext } from '../search/context.js';
import { K_MAX, runSearch, searchResponse } from '../search/index.js';

export async function results(ctx: EngineContext, request: ResultsRequest): Promise<ResultsResponse> {
  const started = performance.now();
  checkPage(request);
  const filters =
    request.place === undefined ? request.filters : { ...request.filters, place: request.place };
  const run = await runSearch(ctx, {
    query: request.query,
    k: K_MAX,
    mode: request.mode,
    filters,
    minScore: request.minScore,
  });
  // Only the page is highlighted: highlighting and cutting snippets for all hundred candidates
  // made a search over HTTP several times the cost of the search itself.
  const response = await searchResponse(ctx, run, K_MAX, false, started);
  // Every candidate's story, so that copies collapse into one card (and total counts stories).
  const stories =
    request.collapse === false
      ? undefined
      : await ctx.store.stories([...new Set(response.hits.map((h) => h.articleId))]);
  return resultsPage(response, run.plan.parsed, request, stories);
}
