/**
 * The request and response schemas shared by the HTTP API (validation + OpenAPI), the MCP
 * tools and the OpenAI-style tool definitions: one definition, three uses.
 */
import { z } from '@hono/zod-openapi';
import { K_MAX, QUERY_MAX_CHARS } from '../../search/index.js';
import {
  ARTICLE_METADATA_KEYS_MAX,
  cappedRecord,
  DATE_FILTER_HINT,
  DateFilterSchema,
  FILTER_ARTICLE_IDS_MAX,
  FILTER_KEY_MAX_CHARS,
  FILTER_METADATA_KEYS_MAX,
  FILTER_VALUE_MAX_CHARS,
} from './limits.js';

/** Articles one POST may carry. */
export const ARTICLES_PER_REQUEST_MAX = 1000;

export const FiltersSchema = z
  .object({
    articleIds: z
      .array(z.string().min(1).max(512))
      .max(FILTER_ARTICLE_IDS_MAX)
      .optional()
      .describe('Only passages of these article ids.'),
    source: z
      .string()
      .max(200)
      .optional()
      .describe('Only articles from this source (news agency), e.g. "TASS".'),
    collections: z
      .array(z.string().min(1).max(200))
      .max(100)
      .optional()
      .describe('Only articles in one of these collections (see GET /v1/collections).'),
    dateFrom: DateFilterSchema.optional().describe(
      `Only articles dated on or after this date (${DATE_FILTER_HINT}).`,
    ),
    dateTo: DateFilterSchema.optional().describe(
      `Only articles dated on or before this date (${DATE_FILTER_HINT}).`,
    ),
    metadata: cappedRecord(
      z.record(
        z.string().min(1).max(FILTER_KEY_MAX_CHARS),
        z.union([z.string().max(FILTER_VALUE_MAX_CHARS), z.number(), z.boolean()]),
      ),
      FILTER_METADATA_KEYS_MAX,
    )
      .optional()
      .describe(
        `Only articles whose metadata has these exact key/value pairs (at most ${FILTER_METADATA_KEYS_MAX}).`,
      ),
  })
  .strict()
  .openapi('Filters');

export const ModeSchema = z
  .enum(['hybrid', 'dense', 'lexical'])
  .describe('hybrid (default): dense + lexical fused; dense: embeddings only; lexical: BM25 only.');

export const SearchInputSchema = z
  .object({
    query: z
      .string()
      .trim()
      .min(1)
      .max(QUERY_MAX_CHARS)
      .describe('The question or keywords, in plain language.'),
    k: z
      .number()
      .int()
      .min(1)
      .max(K_MAX)
      .optional()
      .describe(`How many passages to return (1-${K_MAX}, default 10).`),
    mode: ModeSchema.optional(),
    filters: FiltersSchema.optional(),
    minScore: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('Drop hits whose fused score (0-1) is below this.'),
  })
  .strict()
  .openapi('SearchRequest');

export const SearchQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(QUERY_MAX_CHARS)
    .describe('The question.')
    .openapi({ param: { name: 'q', in: 'query' } }),
  k: z.coerce.number().int().min(1).max(K_MAX).optional().describe('Passages to return.'),
  mode: ModeSchema.optional(),
  source: z.string().max(200).optional().describe('Only this source.'),
  collection: z.string().max(2000).optional().describe('Only these collections (comma-separated).'),
  dateFrom: DateFilterSchema.optional().describe(`Only articles dated on or after (${DATE_FILTER_HINT}).`),
  dateTo: DateFilterSchema.optional().describe(`Only articles dated on or before (${DATE_FILTER_HINT}).`),
  articleIds: z
    .string()
    .max(100_000)
    .refine((s) => s.split(',').length <= FILTER_ARTICLE_IDS_MAX, {
      message: `at most ${FILTER_ARTICLE_IDS_MAX} ids`,
    })
    .optional()
    .describe('Comma-separated article ids.'),
  minScore: z.coerce.number().min(0).max(1).optional().describe('Minimum fused score.'),
});

const SpanSchema = z.object({ start: z.number().int(), end: z.number().int() });

export const HitSchema = z
  .object({
    rank: z.number().int().describe('1-based position in the result list.'),
    passageId: z.number().int(),
    articleId: z.string(),
    title: z.string(),
    place: z.string().nullable(),
    date: z.string().nullable(),
    source: z.string().nullable(),
    paragraph: z.number().int(),
    start: z.number().int().describe('Offset of the passage in the article text.'),
    end: z.number().int(),
    text: z.string().describe('The passage, exactly article.text.slice(start, end).'),
    highlights: z.array(SpanSchema).describe('Best-matching sentences, as article offsets.'),
    score: z.number().describe('Fused score in (0, 1]; 1 = first in every list used.'),
    scores: z.object({
      dense: z.number().nullable().describe('Cosine similarity of query and passage.'),
      denseRank: z.number().int().nullable(),
      bm25: z.number().nullable().describe('FTS5 bm25 (lower is better).'),
      lexicalRank: z.number().int().nullable(),
    }),
  })
  .openapi('Hit');

export const SearchResponseSchema = z
  .object({
    query: z.string(),
    mode: ModeSchema,
    k: z.number().int(),
    generation: z.number().int().describe('Index generation the answer was computed on.'),
    hits: z.array(HitSchema),
    timings: z.object({
      embedMs: z.number(),
      denseMs: z.number(),
      lexicalMs: z.number(),
      fusionMs: z.number(),
      totalMs: z.number(),
    }),
  })
  .openapi('SearchResponse');

export const ArticleSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    text: z.string(),
    paragraphs: z.array(
      z.object({ index: z.number().int(), start: z.number().int(), end: z.number().int() }),
    ),
    place: z.string().nullable(),
    date: z.string().nullable(),
    source: z.string().nullable(),
    sourcePath: z.string().nullable(),
    collection: z.string().nullable(),
    contentHash: z.string(),
    metadata: z.record(z.string(), z.unknown()),
    passageCount: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi('Article');

export const PassageSchema = z
  .object({
    id: z.number().int(),
    articleId: z.string(),
    ordinal: z.number().int(),
    paragraph: z.number().int(),
    start: z.number().int(),
    end: z.number().int(),
    text: z.string(),
    title: z.string(),
    place: z.string().nullable(),
    date: z.string().nullable(),
    source: z.string().nullable(),
  })
  .openapi('Passage');

export const ArticleInputSchema = z
  .object({
    id: z.string().min(1).max(512).optional().describe('Article id; derived from the text hash when absent.'),
    title: z.string().max(2000).describe('The headline.'),
    text: z.string().min(1).describe('The article text; paragraphs separated by blank lines.'),
    place: z.string().max(200).optional(),
    date: z.string().max(32).optional(),
    source: z.string().max(200).optional(),
    metadata: cappedRecord(
      z.record(z.string().max(FILTER_KEY_MAX_CHARS), z.unknown()),
      ARTICLE_METADATA_KEYS_MAX,
    )
      .optional()
      .describe(`Any other fields to keep and filter on (at most ${ARTICLE_METADATA_KEYS_MAX} keys).`),
  })
  .strict()
  .openapi('ArticleInput');

export const ArticlesInputSchema = z
  .union([
    ArticleInputSchema,
    z.object({ articles: z.array(ArticleInputSchema).min(1).max(ARTICLES_PER_REQUEST_MAX) }).strict(),
  ])
  .openapi('ArticlesInput');

export const IngestSummarySchema = z
  .object({
    articlesNew: z.number().int(),
    articlesChanged: z.number().int(),
    articlesUnchanged: z.number().int(),
    articlesRemoved: z.number().int(),
    passagesEmbedded: z.number().int(),
    passagesTruncated: z.number().int(),
    skipped: z.array(
      z.object({
        path: z.string(),
        line: z.number().int().optional(),
        code: z.string(),
        message: z.string(),
      }),
    ),
    interrupted: z.boolean(),
    seconds: z.number(),
    generation: z.number().int(),
  })
  .openapi('IngestSummary');

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().describe('Stable error code, e.g. BAD_INPUT, NOT_FOUND, UNAUTHORIZED.'),
      message: z.string().describe('What went wrong and what to do next.'),
    }),
  })
  .openapi('Error');

export const GetArticleInputSchema = z
  .object({ id: z.string().min(1).max(512).describe('The article id, as in search hits.') })
  .strict();
