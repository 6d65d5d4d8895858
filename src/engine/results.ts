/**
 * A page of result cards: the search pipeline run wide (K_MAX passages, the place filter in
 * the backend with the others), then grouped into cards, paged and counted (src/results).
 */

import { parseQuery } from '../analysis/index.js';
import {
  ANSWER_LEADS,
  answerPage,
  checkPage,
  ON_TOPIC,
  pageOf,
  type ResultsRequest,
  type ResultsResponse,
} from '../results/index.js';
import type { EngineContext } from '../search/context.js';
import { coverageGroups, indexWordFrequencies, K_MAX, runSearch, searchResponse } from '../search/index.js';
import { speakerAnswer } from './statements.js';
import { titleCardsFrom } from './titles.js';

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
  // Every candidate's story, so that copies collapse into one card (and total counts stories);
  // it names each article's link too.
  const stories = await ctx.store.stories([...new Set(response.hits.map((h) => h.articleId))]);
  const page = pageOf(response, run.plan.parsed, request, stories);
  // Snippets from each card's whole article, the question's words weighted by their rarity in
  // the index (what a card shows: src/results/answer-sentences.ts); for a question about what
  // someone said, the topic's words (the speaker's name is in every card).
  const shown = run.plan.speech ? parseQuery(run.plan.speech.topic) : run.plan.parsed;
  // Whole articles for the cards that may lead (ANSWER_LEADS), and for untitled ones (their
  // title is derived from the text); the rest choose among their retrieved passages' sentences.
  const read = page.cards.filter((c, i) => i < ANSWER_LEADS || c.title.trim() === '');
  const [articles, frequencies] = await Promise.all([
    Promise.all(read.map((c) => ctx.store.getArticle(c.articleId))),
    indexWordFrequencies(ctx.store, coverageGroups(shown)),
  ]);
  const texts = new Map(articles.flatMap((a) => (a ? [[a.id, a] as const] : [])));
  answerPage(
    page,
    shown,
    response.hits.map((h) => h.text),
    texts,
    frequencies,
  );
  titleCardsFrom(page.cards, texts);
  const speech = await speakerAnswer(ctx, run.plan.query, response.hits, filters);
  // A loose form ("Greenspan on the deficit") is about a speaker only if one by that name is quoted.
  if (speech && (run.plan.speech || speech.matched.length > 0)) {
    const { statements, ...speaker } = speech;
    page.speaker = speaker;
    // The words on the topic (at most a page of them), and at least the few closest.
    const onTopic = statements.filter((st) => st.relevance >= ON_TOPIC).length;
    const shown = statements.slice(0, Math.max(onTopic, CLOSEST_SHOWN));
    if ((request.offset ?? 0) === 0) page.statements = shown.slice(0, Math.min(STATEMENTS_SHOWN, page.limit));
    if (speaker.matched.length > 0) {
      // The answer is the words: the label says whether the first of them is on the topic.
      page.match = (statements[0]?.relevance ?? 0) >= ON_TOPIC ? 'good' : 'none';
    }
  }
  return page;
}

/** Statements a page shows at most. */
export const STATEMENTS_SHOWN = 10;
/** Statements shown at least: the closest (under "none about …" when none is on the topic). */
export const CLOSEST_SHOWN = 5;
