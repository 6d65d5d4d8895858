/** The search operations: a question to ranked, grouped, highlighted hits; and article rankings for evaluation. */
import { SearchError } from '../errors.js';
import type { EngineContext } from './context.js';
import { groupByArticle, rankArticles as rankByArticle } from './fusion.js';
import { toHit } from './hits.js';
import { DENSE_CANDIDATES, type FusionTuning, LEXICAL_CANDIDATES, retrieve } from './retrieval.js';
import {
  DEFAULT_K,
  DEFAULT_PASSAGES_PER_ARTICLE,
  K_MAX,
  QUERY_MAX_CHARS,
  type SearchMode,
  type SearchRequest,
  type SearchResponse,
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

export async function search(ctx: EngineContext, request: SearchRequest): Promise<SearchResponse> {
  const started = performance.now();
  const query = validateQuery(request.query);
  const k = validateK(request.k);
  const mode = validateMode(request.mode);
  const perArticle = request.passagesPerArticle ?? DEFAULT_PASSAGES_PER_ARTICLE;
  const minScore = request.minScore ?? 0;
  const { fused, timings } = await retrieve(ctx, {
    query,
    mode,
    filters: request.filters,
    denseDepth: DENSE_CANDIDATES,
    lexicalDepth: LEXICAL_CANDIDATES,
  });
  const kept = fused.filter((p) => p.score >= minScore);
  const passages = new Map((await ctx.store.getPassages(kept.map((p) => p.id))).map((p) => [p.id, p]));
  const grouped = groupByArticle(kept, (id) => passages.get(id)?.articleId, perArticle, k);
  const hits = grouped.flatMap((p, i) => {
    const passage = passages.get(p.id);
    return passage ? [toHit(p, passage, i + 1, query)] : [];
  });
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
  const { fused } = await retrieve(ctx, {
    query: validateQuery(query),
    mode: validateMode(options.mode),
    denseDepth: depth,
    lexicalDepth: depth,
    tuning: options,
  });
  const passages = new Map((await ctx.store.getPassages(fused.map((p) => p.id))).map((p) => [p.id, p]));
  return rankByArticle(fused, (id) => passages.get(id)?.articleId, options.limit ?? 100);
}
