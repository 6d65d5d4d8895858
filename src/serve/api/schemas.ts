/**
 * The request and response schemas shared by the HTTP API (validation + OpenAPI), the MCP
 * tools and the OpenAI-style tool definitions: one definition, three uses.
 */
import { z } from '@hono/zod-openapi';
import { FACET_NAMES, RESULTS_WINDOW } from '../../results/index.js';
import { QUERY_MAX_CHARS } from '../../search/index.js';
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

const OffsetSchema = z.coerce
  .number()
  .int()
  .min(0)
  .max(RESULTS_WINDOW - 1)
  .describe(`Result cards to skip, for paging (offset + k at most ${RESULTS_WINDOW}).`);
const PlaceSchema = z.string().max(200).describe('Only articles from this place (dateline), e.g. "Tokyo".');
export const SortSchema = z
  .enum(['relevance', 'date'])
  .describe('relevance (default): best match first; date: newest first among the matches.');
const FacetNameSchema = z.enum(FACET_NAMES);

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
      .max(RESULTS_WINDOW)
      .optional()
      .describe(`How many articles (result cards) to return (1-${RESULTS_WINDOW}, default 10).`),
    offset: OffsetSchema.optional(),
    mode: ModeSchema.optional(),
    filters: FiltersSchema.optional(),
    place: PlaceSchema.optional(),
    sort: SortSchema.optional(),
    facets: z.array(FacetNameSchema).max(FACET_NAMES.length).optional().describe('Facets to count.'),
    explain: z.boolean().optional().describe('Include score breakdowns on each card.'),
    collapse: z
      .boolean()
      .optional()
      .describe('true (default): one card per story, its copies listed on it; false: a card for every copy.'),
    minScore: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('Drop hits whose calibrated relevance (0-1) is below this.'),
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
  k: z.coerce
    .number()
    .int()
    .min(1)
    .max(RESULTS_WINDOW)
    .optional()
    .describe(`Articles (result cards) per page, 1-${RESULTS_WINDOW}.`),
  offset: OffsetSchema.optional(),
  mode: ModeSchema.optional(),
  place: PlaceSchema.optional(),
  sort: SortSchema.optional(),
  facets: z
    .string()
    .max(200)
    .refine((s) => s.split(',').every((f) => (FACET_NAMES as readonly string[]).includes(f.trim())), {
      message: `facets are a comma-separated list of ${FACET_NAMES.join(', ')}`,
    })
    .optional()
    .describe(`Facets to count over the matches, comma-separated: ${FACET_NAMES.join(', ')}.`),
  meta: z
    .union([
      z.string().max(FILTER_KEY_MAX_CHARS + FILTER_VALUE_MAX_CHARS + 1),
      z.array(z.string()).max(FILTER_METADATA_KEYS_MAX),
    ])
    .optional()
    .describe('Metadata filter key:value, repeatable (meta=collection:news&meta=lang:en).')
    .openapi({ param: { name: 'meta', in: 'query', style: 'form', explode: true } }),
  explain: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .describe('1 or true: include score breakdowns on each card.'),
  collapse: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .describe('false or 0: a card for every copy of a story. @default true'),
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
  minScore: z.coerce.number().min(0).max(1).optional().describe('Minimum calibrated relevance (0-1).'),
});

export const ArticleSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    titleDerived: z
      .literal(true)
      .optional()
      .describe('Set when the article has no title: title is then derived from its first words.'),
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

/** An article's own fields, checked where they are declared: metadata may not stand in for them. */
const ARTICLE_FIELDS = ['id', 'title', 'text', 'place', 'date', 'source'];

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
      .refine((m) => !ARTICLE_FIELDS.some((k) => Object.hasOwn(m, k)), {
        message: `metadata may not hold ${ARTICLE_FIELDS.join(', ')}: give them as the article's own fields`,
      })
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
    articlesMetadataOnly: z
      .number()
      .int()
      .describe(
        'Of the changed articles, those whose title and text did not change: their fields were updated, their passages and vectors kept.',
      ),
    passagesEmbedded: z.number().int().describe('Passages the model embedded.'),
    passagesReused: z
      .number()
      .int()
      .describe('Passages whose text was embedded before: the stored vector was reused.'),
    passagesTruncated: z.number().int(),
    copiesExact: z.number().int().describe('Articles written that copy another word for word.'),
    copiesNear: z.number().int().describe('Articles written that nearly copy another (one story).'),
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
