/** The search operations: a question to ranked, grouped, highlighted hits; and article rankings for evaluation. */
import { type ParsedQuery, parseQuery, satisfiesSyntax } from '../analysis/index.js';
import type { SearchFilters, StoredPassage } from '../backends/index.js';
import { SearchError } from '../errors.js';
import type { EngineContext } from './context.js';
import { type FusedPassage, fuseArticles, type RankedArticle } from './fusion.js';
import { type HitEvidence, toHit } from './hits.js';
import { coverageGroups, matchLevel, relevance, termCoverage, WEAK_MATCH } from './relevance.js';
import {
  DENSE_CANDIDATES,
  dot,
  type FusionTuning,
  LEXICAL_CANDIDATES,
  type RetrievalRequest,
  retrieve,
  type SpeechTopic,
} from './retrieval.js';
import { orderForSpeech, topicRelevance } from './speech-order.js';
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

/** A further passage from one article is shown only if its relevance is this close to the best one's. */
export const SECOND_PASSAGE_RATIO = 0.75;
/** Passages of one article weighed when choosing the one to show. */
export const ARTICLE_CANDIDATES = 5;

interface Ranked {
  articles: RankedArticle<FusedPassage>[];
  passages: Map<number, StoredPassage>;
  queryVector: Float32Array | undefined;
  speech: SpeechTopic | undefined;
  queryTruncated: boolean;
  timings: Omit<SearchTimings, 'totalMs'>;
}

/** Retrieve, then fuse passage and whole-article evidence into ranked articles. */
async function rankedArticles(ctx: EngineContext, request: RetrievalRequest): Promise<Ranked> {
  const { fused: candidates, queryVector, speech, queryTruncated, timings } = await retrieve(ctx, request);
  const t = performance.now();
  const ids = candidates.map((p) => p.id);
  const passages = new Map<number, StoredPassage>();
  const articleOf = new Map<number, string>();
  // Phrases and exclusions bind the dense side too, not only BM25: they need every candidate's
  // text. Otherwise grouping by article needs only each passage's article; the text is read
  // for the few that make the list (search below), unless one read of them all costs less than
  // two requests to a networked store.
  const parsed = parseQuery(request.query);
  const bound = parsed.phrases.length > 0 || parsed.excluded.length > 0;
  if (bound || ctx.store.capabilities.networked) {
    for (const p of await ctx.store.getPassages(ids)) {
      passages.set(p.id, p);
      if (satisfiesSyntax(parsed, `${p.title}\n${p.text}`)) articleOf.set(p.id, p.articleId);
    }
  } else {
    for (const [id, article] of await ctx.store.passageArticles(ids)) articleOf.set(id, article);
  }
  const fused = candidates.filter((c) => articleOf.has(c.id));
  const articles = fuseArticles(fused, (id) => articleOf.get(id));
  timings.fusionMs += performance.now() - t;
  return { articles, passages, queryVector, speech, queryTruncated, timings };
}

/**
 * Cosine (question as asked), word coverage and calibrated relevance of each chosen passage.
 * `vectors` holds the embeddings of at least the passages the dense list did not score.
 */
function hitEvidence(
  parsed: ParsedQuery,
  queryVector: Float32Array | undefined,
  chosen: readonly FusedPassage[],
  passages: ReadonlyMap<number, StoredPassage>,
  vectors: ReadonlyMap<number, Float32Array>,
  indexedCoverage: ReadonlyMap<number, number>,
): Map<number, HitEvidence> {
  const out = new Map<number, HitEvidence>();
  for (const c of chosen) {
    const p = passages.get(c.id);
    const coverage =
      indexedCoverage.get(c.id) ?? (p ? termCoverage(parsed, `${p.title}\n${p.text}`) : undefined);
    if (coverage === undefined) continue;
    const vector = vectors.get(c.id);
    const cosine = c.dense ?? (queryVector && vector ? dot(queryVector, vector) : null);
    out.set(c.id, { cosine, coverage, relevance: relevance(cosine ?? 0, coverage) });
  }
  return out;
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
  const { articles, passages, queryVector, speech, queryTruncated, timings } = await rankedArticles(ctx, {
    query,
    mode,
    filters: request.filters,
    denseDepth: DENSE_CANDIDATES,
    lexicalDepth: LEXICAL_CANDIDATES,
  });
  // The top k articles hold every hit that can make the list: any later article scores below
  // all of their best passages. Within an article, its candidate passages are weighed by
  // relevance: the best one leads, a further one appears only if it is nearly as relevant.
  const top = articles.slice(0, k);
  const candidates = new Map<string, FusedPassage[]>();
  for (const article of top) {
    const own = article.passages.slice(0, Math.max(ARTICLE_CANDIDATES, perArticle));
    const found =
      own.length > 0 ? own : [await bestPassageOf(ctx, query, article.articleId, request.filters)];
    candidates.set(
      article.articleId,
      found.filter((p): p is FusedPassage => p !== undefined),
    );
  }
  const all = [...candidates.values()].flat();
  const parsed = parseQuery(query);
  // Word coverage from the store's index of passage words where it can answer exactly (the
  // in-memory BM25 of a server): then a candidate's text is read only if it makes the list.
  // A question about what someone said weighs every candidate's text against its topic.
  const unread = all.map((c) => c.id).filter((id) => !passages.has(id));
  const indexedCoverage = !speech
    ? await ctx.store.wordCoverage(unread, coverageGroups(parsed))
    : new Map<number, number>();
  const missing = unread.filter((id) => !indexedCoverage.has(id));
  for (const p of await ctx.store.getPassages(missing)) passages.set(p.id, p);
  // One read of embeddings serves both: the question's cosine where the dense list gave none,
  // and, for a question about what someone said, every candidate's cosine to the topic.
  const vectorIds = speech
    ? all.map((c) => c.id)
    : queryVector
      ? all.filter((c) => c.dense === null).map((c) => c.id)
      : [];
  const vectors = await ctx.store.getEmbeddings([...new Set(vectorIds)]);
  const evidence = hitEvidence(parsed, queryVector, all, passages, vectors, indexedCoverage);
  const relevanceOf = (p: FusedPassage) => evidence.get(p.id)?.relevance ?? 0;
  const topic = speech ? topicRelevance(speech, passages, vectors) : undefined;
  const chosen: Array<{ fused: FusedPassage; score: number }> = [];
  for (const article of top) {
    const own = candidates.get(article.articleId) ?? [];
    const ranked = topic
      ? orderForSpeech(own, topic)
      : [...own].sort((a, b) => relevanceOf(b) - relevanceOf(a));
    const best = ranked[0];
    if (!best) continue;
    chosen.push({ fused: best, score: article.score });
    const floor = Math.max(WEAK_MATCH, SECOND_PASSAGE_RATIO * relevanceOf(best));
    for (const extra of ranked.slice(1, perArticle)) {
      if (relevanceOf(extra) < floor) break; // no padding
      // Never above the passage that leads its article (which may not be the most relevant
      // to the question as asked: see speech-order.ts).
      const ratio = Math.min(1, relevanceOf(extra) / relevanceOf(best));
      chosen.push({ fused: extra, score: article.score * ratio });
    }
  }
  const toRead = [...new Set(chosen.map((c) => c.fused.id).filter((id) => !passages.has(id)))];
  for (const p of await ctx.store.getPassages(toRead)) passages.set(p.id, p);
  const hits = chosen
    .filter((c) => passages.has(c.fused.id) && (evidence.get(c.fused.id)?.relevance ?? 0) >= minScore)
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map((c, i) =>
      toHit(
        { ...c.fused, score: c.score },
        passages.get(c.fused.id) as StoredPassage,
        i + 1,
        query,
        evidence.get(c.fused.id) as HitEvidence,
        request.highlights !== false,
      ),
    );
  return {
    query,
    mode,
    k,
    generation: await ctx.store.generation(),
    match: matchLevel(hits.length > 0 ? Math.max(...hits.map((h) => h.relevance)) : undefined),
    queryTruncated,
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
