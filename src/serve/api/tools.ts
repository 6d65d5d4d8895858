/**
 * The tools chat models call, defined once: `search_articles` and `get_article`, with their
 * input schemas, handlers, a readable text rendering, and the OpenAI-style function list.
 */
import { z } from '@hono/zod-openapi';
import { SearchError } from '../../errors.js';
import type { SearchEngine, SearchResponse, StoredArticle } from '../../index.js';
import { GetArticleInputSchema, SearchInputSchema } from './schemas.js';

export const SEARCH_TOOL = {
  name: 'search_articles',
  title: 'Search news articles',
  description:
    'Semantic + keyword search over the local news archive. Returns the best passages with article id, title, place, date, source, character offsets, highlighted sentences and a score. Cite passages by articleId and offsets.',
  inputSchema: SearchInputSchema,
} as const;

export const ARTICLE_TOOL = {
  name: 'get_article',
  title: 'Read one article',
  description: 'Fetch the full text and metadata of one article by the id a search hit gave.',
  inputSchema: GetArticleInputSchema,
} as const;

export type SearchToolInput = z.infer<typeof SearchInputSchema>;

export function runSearchTool(engine: SearchEngine, input: SearchToolInput): Promise<SearchResponse> {
  return engine.search({
    query: input.query,
    ...(input.k !== undefined ? { k: input.k } : {}),
    ...(input.mode !== undefined ? { mode: input.mode } : {}),
    ...(input.filters !== undefined ? { filters: input.filters } : {}),
    ...(input.minScore !== undefined ? { minScore: input.minScore } : {}),
  });
}

export async function runArticleTool(engine: SearchEngine, input: { id: string }): Promise<StoredArticle> {
  const article = await engine.getArticle(input.id);
  if (!article)
    throw new SearchError(
      'NOT_FOUND',
      `No article with id "${input.id}"; use an articleId from search_articles.`,
    );
  return article;
}

export function renderSearchText(response: SearchResponse): string {
  if (response.hits.length === 0) return `No passages found for "${response.query}".`;
  return response.hits
    .map((h) => {
      const where = [h.place, h.date, h.source].filter(Boolean).join(', ');
      const best = h.highlights.map((s) => h.text.slice(s.start - h.start, s.end - h.start)).join(' … ');
      return `${h.rank}. ${h.title}${where ? ` (${where})` : ''} [article ${h.articleId}, chars ${h.start}-${h.end}, score ${h.score.toFixed(3)}]\n${h.text}${best ? `\nBest sentences: ${best}` : ''}`;
    })
    .join('\n\n');
}

export function renderArticleText(a: StoredArticle): string {
  const where = [a.place, a.date, a.source].filter(Boolean).join(', ');
  return `${a.title}${where ? ` (${where})` : ''} [article ${a.id}]\n\n${a.text}`;
}

/** OpenAI-style function definitions (`tools` of the Chat Completions API), from the same schemas. */
export function openAiTools(): Array<{
  type: 'function';
  function: { name: string; description: string; parameters: unknown };
}> {
  return [SEARCH_TOOL, ARTICLE_TOOL].map((t) => {
    const { $schema: _drop, ...parameters } = z.toJSONSchema(t.inputSchema, { io: 'input' }) as Record<
      string,
      unknown
    >;
    return { type: 'function' as const, function: { name: t.name, description: t.description, parameters } };
  });
}
