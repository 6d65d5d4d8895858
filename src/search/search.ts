/** The search operations: a question to ranked, grouped, highlighted hits; and article rankings for evaluation. */
import { parseQuery, satisfiesSyntax } from '../analysis/index.js';
import { SearchError } from '../errors.js';
import type { SearchFilters, StoredPassage } from '../store/index.js';
import type { EngineContext } from './context.js';
import { type FusedPassage, fuseArticles, type RankedArticle } from './fusion.js';
import { toHit } from './hits.js';
import {
  ARTICLE_LEXICAL_WEIGHT,
  DENSE_CANDIDATES,
  type FusionTuning,
  LEXICAL_CANDIDATES,
  type RetrievalRequest,
  retrieve,
} from './retrieval.js';
import {
  DEFAULT_K,
  DEFAULT_PASSAGES_PER_ARTICLE,
  K_MAX,
  QUERY_MAX_CHARS,
  type SearchMode,
  type SearchRequest,
  type SearchResponse,
  type SearchTimings,
} from './types.js';

const MODES: readonly SearchMode[] = ['hybrid', 'dense', 'lexical'];

export function validateQuery(query: unknown): string {
  if (typeof query !== 'string' || query.trim() === '') {
    throw new SearchError(
      'BAD_INPUT',
      'The query is empty; ask a question in words, e.g. "what did Abe say about the Kurils".',
    );
  }
  if (query.length > QUERY_MAX_CHARS) {
    throw new SearchError(
      'QUERY_TOO_LONG',
      `The query is ${query.length} characters; the limit is ${QUERY_MAX_CHARS}. Shorten it.`,
      { details: { length: query.length, limit: QUERY_MAX_CHARS } },
    );
  }
  return query.trim();
}

function validateK(k: number | undefined): number {
  const value = k ?? DEFAULT_K;
  if (!Number.isInteger(value) || value < 1 || value > K_MAX) {
    throw new SearchError('BAD_INPUT', `k must be a whole number from 1 to ${K_MAX}, got ${String(k)}.`);
  }
  return value;
}

function validateMode(mode: unknown): SearchMode {
  const value = mode ?? 'hybrid';
  if (!MODES.includes(value as SearchMode)) {
    throw new SearchError('BAD_INPUT', `mode must be hybrid, dense or lexical, got "${String(mode)}".`);
  }
  return value as SearchMode;
}

/** A second passage from one article is shown only if its own score is this close to the best one's. */
export const SECOND_PASSAGE_RATIO = 0.85;

interface Ranked {
  articles: RankedArticle<FusedPassage>[];
  passages: Map<number, StoredPassage>;
  timings: Omit<SearchTimings, 'totalMs'>;
}

/** Retrieve, then fuse passage and whole-article evidence into ranked articles. */
async function rankedArticles(ctx: EngineContext, request: RetrievalRequest): Promise<Ranked> {
  const { fused: candidates, articleLexical, timings } = await retrieve(ctx, request);
  const t = performance.now();
  const passages = new Map((await ctx.store.getPassages(candidates.map((p) => p.id))).map((p) => [p.id, p]));
  // Phrases and exclusions bind the dense side too, not only BM25.
  const parsed = parseQuery(request.query);
  const fused = candidates.filter((c) => {
    const p = passages.get(c.id);
    return p !== undefined && satisfiesSyntax(parsed, `${p.title}\n${p.text}`);
  });
  const articles = fuseArticles({
    passages: fused,
    articleOf: (id) => passages.get(id)?.articleId,
    articleLexical,
    passageWeight: 1,
    articleLexicalWeight: request.tuning?.articleLexicalWeight ?? ARTICLE_LEXICAL_WEIGHT,
    ...(request.tuning?.rrfK !== undefined ? { rrfK: request.tuning.rrfK } : {}),
  });
  timings.fusionMs += performance.now() - t;
  return { articles, passages, timings };
}

/** The best passage of an article that only whole-article evidence found. */
async function bestPassageOf(
  ctx: EngineContext,
  query: string,
  articleId: string,
  filters: SearchFilters | undefined,
): Promise<FusedPassage | undefined> {
  const [hit] = await ctx.store.lexicalSearch(query, 1, { ...filters, articleIds: [articleId] });
  if (!hit) return undefined;
  return { id: hit.passageId, score: 0, dense: null, denseRank: null, bm25: hit.bm25, lexicalRank: null };
}

export async function search(ctx: EngineContext, request: SearchRequest): Promise<SearchResponse> {
  const started = performance.now();
  const query = validateQuery(request.query);
  const k = validateK(request.k);
  const mode = validateMode(request.mode);
  const perArticle = request.passagesPerArticle ?? DEFAULT_PASSAGES_PER_ARTICLE;
  const minScore = request.minScore ?? 0;
  const { articles, passages, timings } = await rankedArticles(ctx, {
    query,
    mode,
    filters: request.filters,
    denseDepth: DENSE_CANDIDATES,
    lexicalDepth: LEXICAL_CANDIDATES,
  });
  // The top k articles hold every hit that can make the list: any later article scores below
  // all of their best passages.
  const chosen: Array<{ fused: FusedPassage; score: number }> = [];
  for (const article of articles.slice(0, k)) {
    const best = article.passages[0] ?? (await bestPassageOf(ctx, query, article.articleId, request.filters));
    if (!best) continue;
    chosen.push({ fused: best, score: article.score });
    // No padding: a further passage only when it is nearly as good as the best one.
    for (const extra of article.passages.slice(1, perArticle)) {
      if (best.score <= 0 || extra.score < SECOND_PASSAGE_RATIO * best.score) break;
      chosen.push({ fused: extra, score: article.score * (extra.score / best.score) });
    }
  }
  const missing = chosen.map((c) => c.fused.id).filter((id) => !passages.has(id));
  for (const p of await ctx.store.getPassages(missing)) passages.set(p.id, p);
  const hits = chosen
    .filter((c) => c.score >= minScore && passages.has(c.fused.id))
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map((c, i) =>
      toHit({ ...c.fused, score: c.score }, passages.get(c.fused.id) as StoredPassage, i + 1, query),
    );
  return {
    query,
    mode,
    k,
    generation: await ctx.store.generation(),
    hits,
    timings: { ...timings, totalMs: performance.now() - started },
  };
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
  const { articles } = await rankedArticles(ctx, {
    query: validateQuery(query),
    mode: validateMode(options.mode),
    denseDepth: depth,
    lexicalDepth: depth,
    tuning: options,
  });
  return articles.slice(0, options.limit ?? 100).map((a) => ({ articleId: a.articleId, score: a.score }));
}
