/** The search response as every front end returns it: cards, paging, facets and the passages behind them. */
import { z } from '@hono/zod-openapi';
import { FACET_NAMES } from '../../results/index.js';
import { ModeSchema, SortSchema } from './schemas.js';

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
    collection: z.string().nullable().describe('The collection (folder or feed) the article came from.'),
    paragraph: z.number().int(),
    start: z.number().int().describe('Offset of the passage in the article text.'),
    end: z.number().int(),
    text: z.string().describe('The passage, exactly article.text.slice(start, end).'),
    highlights: z.array(SpanSchema).describe('Best-matching sentences, as article offsets.'),
    score: z
      .number()
      .describe(
        "Ordering score in (0, 1], relative to this list; 1 = the first article's leading passage. Use relevance to compare across questions.",
      ),
    relevance: z.number().describe('Calibrated relevance 0-1; 0.5 and up: more likely relevant than not.'),
    weak: z.boolean().describe('Relevance below the good-match threshold.'),
    scores: z.object({
      coverage: z.number().describe("Share of the question's content words the passage contains."),
      dense: z.number().nullable().describe('Cosine similarity of query and passage.'),
      denseRank: z.number().int().nullable(),
      bm25: z.number().nullable().describe('BM25 relevance (higher is better).'),
      lexicalRank: z.number().int().nullable(),
    }),
  })
  .openapi('Hit');

const SnippetSchema = z
  .object({
    passageId: z.number().int(),
    start: z.number().int().describe('Offset of the snippet in the article text.'),
    end: z.number().int(),
    text: z.string().describe('About two lines around the best sentence; "…" where cut.'),
    emphasis: z.array(SpanSchema).describe('Query words, as offsets into text.'),
  })
  .openapi('Snippet');

export const CardSchema = z
  .object({
    rank: z.number().int().describe('1-based position over all pages.'),
    articleId: z.string(),
    title: z.string(),
    titleDerived: z
      .literal(true)
      .optional()
      .describe('Set when the article has no title: title is then derived from its first words.'),
    place: z.string().nullable(),
    date: z.string().nullable(),
    source: z.string().nullable(),
    collection: z.string().nullable(),
    meta: z.string().describe('place · date · source · collection, the known parts.'),
    weak: z
      .boolean()
      .describe('The article may not answer the question (its confidence is below a good match).'),
    link: z.object({ articleId: z.string(), passageId: z.number().int() }),
    url: z
      .string()
      .nullable()
      .optional()
      .describe('The original article on the web (its metadata link or url, http(s) only), if known.'),
    snippets: z.array(SnippetSchema).describe('One or two, best first.'),
    copies: z
      .array(
        z.object({
          id: z.string(),
          title: z.string(),
          source: z.string().nullable(),
          date: z.string().nullable(),
          collection: z.string().nullable(),
          url: z.string().nullable().describe("The copy's link, if it has one."),
        }),
      )
      .optional()
      .describe('Other copies of the same story (same or nearly the same text), collapsed into this card.'),
    explain: z
      .object({
        score: z.number(),
        relevance: z.number(),
        passages: z.array(z.record(z.string(), z.number().nullable())),
      })
      .optional()
      .describe('Score breakdown (with explain).'),
  })
  .openapi('Card');

const FacetCountsSchema = z.array(z.object({ value: z.string(), count: z.number().int() }));

export const StatementSchema = z
  .object({
    speaker: z.string().describe('Who said it, by the fullest name the article uses.'),
    speakerAsWritten: z.string().describe('How the article names them where it attributes the words.'),
    text: z.string().describe('The words: inside the quotation marks, or the reported clause.'),
    kind: z.enum(['direct', 'reported']),
    cue: z.string().describe('The verb that attributes them ("said", "warned").'),
    articleId: z.string(),
    title: z.string(),
    date: z.string().nullable(),
    source: z.string().nullable(),
    start: z.number().int().describe('Offset of the words in the article text.'),
    end: z.number().int(),
    context: z.string().describe('The sentence around the words.'),
    relevance: z.number().describe('How much the words are about the topic, 0..1 (0.5 and up: on it).'),
    alsoIn: z
      .array(z.object({ articleId: z.string(), source: z.string().nullable(), date: z.string().nullable() }))
      .describe('Other copies of the story carrying the same words.'),
  })
  .openapi('Statement');

export const SearchResponseSchema = z
  .object({
    query: z.string(),
    mode: ModeSchema,
    k: z.number().int(),
    generation: z.number().int().describe('Index generation the answer was computed on.'),
    match: z.enum(['good', 'weak', 'none']).describe('How well the best result matches.'),
    queryTruncated: z.boolean(),
    offset: z.number().int(),
    limit: z.number().int().describe('Cards per page.'),
    sort: SortSchema,
    total: z
      .number()
      .int()
      .describe(
        'Stories found (an article and its copies count once), likely relevant or not: what paging goes through.',
      ),
    matches: z
      .number()
      .int()
      .describe(
        'Of those, the ones likely to answer the question (their card is not weak). sort=date puts these first, newest first, and the rest after them by relevance.',
      ),
    totalIsEstimate: z.boolean().describe('True when more articles may match than total.'),
    cards: z.array(CardSchema).describe('One per story (per article with collapse false), in order.'),
    facets: z
      .object(Object.fromEntries(FACET_NAMES.map((f) => [f, FacetCountsSchema.optional()])))
      .optional()
      .describe('Counts over all matches, most frequent first.'),
    hits: z.array(HitSchema).describe("The passages behind this page's cards, with their scores."),
    statements: z
      .array(StatementSchema)
      .optional()
      .describe('For a question about what someone said: their words, most about the topic first.'),
    speaker: z
      .object({
        asked: z.string(),
        topic: z.string(),
        matched: z.array(z.string()).describe('Speakers quoted in the articles found that the name matched.'),
        quotedIn: z.number().int().describe('Articles read that quote them.'),
      })
      .optional(),
    timings: z.object({
      embedMs: z.number(),
      denseMs: z.number(),
      lexicalMs: z.number(),
      fusionMs: z.number(),
      totalMs: z.number(),
    }),
  })
  .openapi('SearchResponse');
