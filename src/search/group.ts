/**
 * Grouping: the fused candidates gathered under their articles, in order of each article's
 * best passage. Only each candidate's article is read, unless the question's syntax (a
 * required phrase, an excluded word) has to be checked against every candidate's text.
 */
import { satisfiesSyntax } from '../analysis/index.js';
import type { EngineContext } from './context.js';
import { type Candidate, fuseArticles, type RankedArticle } from './fusion.js';
import type { QueryPlan } from './plan.js';

export async function groupByArticle(
  ctx: EngineContext,
  plan: QueryPlan,
  candidates: readonly Candidate[],
): Promise<RankedArticle<Candidate>[]> {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const ids = candidates.map((c) => c.id);
  // Phrases and exclusions bind the dense side too, not only BM25: they need every candidate's
  // text. Otherwise grouping needs only each passage's article; the text is read for the few
  // that make the list (choose.ts), unless one read of them all costs less than two requests
  // to a networked store.
  if (plan.syntaxBound || ctx.store.capabilities.networked) {
    for (const p of await ctx.store.getPassages(ids)) {
      const c = byId.get(p.id);
      if (!c) continue;
      c.passage = p;
      if (satisfiesSyntax(plan.parsed, `${p.title}\n${p.text}`)) c.articleId = p.articleId;
    }
  } else {
    for (const [id, article] of await ctx.store.passageArticles(ids)) {
      const c = byId.get(id);
      if (c) c.articleId = article;
    }
  }
  return fuseArticles(
    candidates.filter((c) => c.articleId !== undefined),
    (id) => byId.get(id)?.articleId,
  );
}
