/**
 * Choosing what to show: the candidates of the top articles weighed by their evidence (cosine
 * to the question, word coverage, calibrated relevance; for a question about what someone
 * said, relevance to the topic alone), the best one leading its article and a further one only
 * when it is nearly as relevant (no padding).
 */

import type { EngineContext } from './context.js';
import type { Candidate, RankedArticle } from './fusion.js';
import type { QueryPlan } from './plan.js';
import { coverageGroups, relevance, termCoverage, WEAK_MATCH } from './relevance.js';
import { dot, type Retrieved } from './retrieval.js';
import { orderForSpeech, topicRelevance } from './speech-order.js';

/** A further passage from one article is shown only if its relevance is this close to the best one's. */
export const SECOND_PASSAGE_RATIO = 0.75;
/** Passages of one article weighed when choosing the one to show. */
export const ARTICLE_CANDIDATES = 5;

export interface ChoiceOptions {
  /** Articles (and hits) to keep. */
  k: number;
  /** Passages one article may show. */
  perArticle: number;
  /** Drop passages whose relevance is below this. */
  minScore: number;
}

/** A candidate chosen to be shown, with the score that orders it in the list. */
export interface Chosen {
  candidate: Candidate & { passage: NonNullable<Candidate['passage']>; relevance: number };
  score: number;
}

/** Read what the candidates lack and weigh each one: coverage, cosine, relevance. */
async function weigh(ctx: EngineContext, plan: QueryPlan, retrieved: Retrieved, all: readonly Candidate[]) {
  const { queryVector, speech } = retrieved;
  // Word coverage from the store's index of passage words where it can answer exactly (the
  // in-memory BM25 of a server): then a candidate's text is read only if it makes the list.
  // A question about what someone said weighs every candidate's text against its topic.
  const unread = all.filter((c) => c.passage === undefined);
  const indexed =
    !speech && ctx.store.capabilities.exactWordCoverage
      ? await ctx.store.wordCoverage(
          unread.map((c) => c.id),
          coverageGroups(plan.parsed),
        )
      : new Map<number, number>();
  await readPassages(
    ctx,
    unread.filter((c) => !indexed.has(c.id)),
  );
  // One read of embeddings serves both: the question's cosine where the dense list gave none,
  // and, for a question about what someone said, every candidate's cosine to the topic.
  const vectorIds = speech
    ? all.map((c) => c.id)
    : queryVector
      ? all.filter((c) => c.dense === null).map((c) => c.id)
      : [];
  const vectors = await ctx.store.getEmbeddings([...new Set(vectorIds)]);
  for (const c of all) {
    const p = c.passage;
    const coverage =
      indexed.get(c.id) ?? (p ? termCoverage(plan.parsed, `${p.title}\n${p.text}`) : undefined);
    if (coverage === undefined) continue;
    const vector = vectors.get(c.id);
    const cosine = c.dense ?? (queryVector && vector ? dot(queryVector, vector) : null);
    c.coverage = coverage;
    c.cosine = cosine;
    c.relevance = relevance(cosine ?? 0, coverage);
  }
  return speech ? topicRelevance(speech, all, vectors) : undefined;
}

/** Give each candidate that has none its stored passage. */
async function readPassages(ctx: EngineContext, candidates: readonly Candidate[]): Promise<void> {
  if (candidates.length === 0) return;
  const byId = new Map<number, Candidate[]>();
  for (const c of candidates) byId.set(c.id, [...(byId.get(c.id) ?? []), c]);
  for (const p of await ctx.store.getPassages([...byId.keys()])) {
    for (const c of byId.get(p.id) ?? []) c.passage = p;
  }
}

/** The hits to show, in order: at most `k`, from the first `k` articles. */
export async function choosePassages(
  ctx: EngineContext,
  plan: QueryPlan,
  retrieved: Retrieved,
  articles: readonly RankedArticle<Candidate>[],
  options: ChoiceOptions,
): Promise<Chosen[]> {
  // The top k articles hold every hit that can make the list: any later article scores below
  // all of their best passages.
  const top = articles.slice(0, options.k);
  const own = new Map(
    top.map((a) => [a.articleId, a.passages.slice(0, Math.max(ARTICLE_CANDIDATES, options.perArticle))]),
  );
  const all = [...own.values()].flat();
  const topic = await weigh(ctx, plan, retrieved, all);
  const relevanceOf = (c: Candidate) => c.relevance ?? 0;
  const chosen: Array<{ candidate: Candidate; score: number }> = [];
  for (const article of top) {
    const candidates = own.get(article.articleId) ?? [];
    const ranked = topic
      ? orderForSpeech(candidates, topic)
      : [...candidates].sort((a, b) => relevanceOf(b) - relevanceOf(a));
    const best = ranked[0];
    if (!best) continue;
    chosen.push({ candidate: best, score: article.score });
    const floor = Math.max(WEAK_MATCH, SECOND_PASSAGE_RATIO * relevanceOf(best));
    for (const extra of ranked.slice(1, options.perArticle)) {
      if (relevanceOf(extra) < floor) break; // no padding
      // Never above the passage that leads its article (which may not be the most relevant
      // to the question as asked: see speech-order.ts).
      const ratio = Math.min(1, relevanceOf(extra) / relevanceOf(best));
      chosen.push({ candidate: extra, score: article.score * ratio });
    }
  }
  await readPassages(
    ctx,
    chosen.map((c) => c.candidate).filter((c) => c.passage === undefined),
  );
  return chosen
    .filter(
      (c): c is Chosen =>
        c.candidate.passage !== undefined &&
        c.candidate.relevance !== undefined &&
        c.candidate.relevance >= options.minScore,
    )
    .sort((a, b) => b.score - a.score)
    .slice(0, options.k);
}
