/** Inputs and outputs of the chat tools beyond search: paged articles and the corpus summary. */
import { z } from '@hono/zod-openapi';
import { StatementSchema } from './response-schemas.js';
import { ArticleSchema } from './schemas.js';

/** Characters of article text one get_article call returns when maxChars is not given. */
export const ARTICLE_PAGE_CHARS = 12_000;
/** Most characters one get_article call may return. */
export const ARTICLE_PAGE_CHARS_MAX = 50_000;

export const GetArticleInputSchema = z
  .object({
    id: z.string().min(1).max(512).describe('The article id, as in search results.'),
    offset: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Character offset to start at (default 0); use nextOffset of the previous call.'),
    maxChars: z
      .number()
      .int()
      .min(1)
      .max(ARTICLE_PAGE_CHARS_MAX)
      .optional()
      .describe(`Characters to return (default ${ARTICLE_PAGE_CHARS}, at most ${ARTICLE_PAGE_CHARS_MAX}).`),
  })
  .strict();

export const ArticlePageSchema = ArticleSchema.extend({
  text: z.string().describe('The text from offset, at most maxChars characters.'),
  offset: z.number().int(),
  totalChars: z.number().int().describe('Length of the whole article text.'),
  nextOffset: z.number().int().nullable().describe('Where the next page starts; null at the end.'),
}).openapi('ArticlePage');

export const ListCollectionsInputSchema = z.object({}).strict();

export const CorpusSchema = z
  .object({
    articles: z.number().int(),
    collections: z.array(z.object({ name: z.string(), articles: z.number().int() })),
    sources: z.array(z.object({ name: z.string(), articles: z.number().int() })),
    dateFrom: z.string().nullable(),
    dateTo: z.string().nullable(),
  })
  .openapi('Corpus');

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export const FindStatementsInputSchema = z
  .object({
    speaker: z
      .string()
      .min(1)
      .max(200)
      .describe(
        'Who: a name as people type it ("Abe", "Mr Blair", a misspelling), a surname, a title and name.',
      ),
    topic: z.string().max(500).optional().describe('About what; leave out for everything they said.'),
    from: z.string().regex(ISO_DAY).optional().describe('Only articles dated on or after (YYYY-MM-DD).'),
    to: z.string().regex(ISO_DAY).optional().describe('Only articles dated on or before (YYYY-MM-DD).'),
    k: z.number().int().min(1).max(50).optional().describe('Statements to return (default 10).'),
  })
  .strict();

export const StatementsResponseSchema = z
  .object({
    speaker: z.object({
      asked: z.string(),
      topic: z.string(),
      matched: z.array(z.string()).describe('Speakers quoted in the articles found that the name matched.'),
      quotedIn: z.number().int().describe('Articles read that quote them.'),
    }),
    statements: z.array(StatementSchema).describe('Their words, most about the topic first.'),
  })
  .openapi('Statements');

export const ListSpeakersInputSchema = z
  .object({
    limit: z.number().int().min(1).max(1000).optional().describe('Speakers to return (default 20).'),
    collections: z.array(z.string().min(1).max(200)).max(64).optional().describe('Only these collections.'),
    from: z.string().regex(ISO_DAY).optional().describe('Only articles dated on or after (YYYY-MM-DD).'),
    to: z.string().regex(ISO_DAY).optional().describe('Only articles dated on or before (YYYY-MM-DD).'),
  })
  .strict();

export const SpeakersResponseSchema = z
  .object({
    total: z.number().int().describe('Distinct speakers of the articles counted.'),
    speakers: z.array(
      z.object({
        name: z.string().describe('The fullest name the articles give them.'),
        statements: z.number().int(),
        articles: z.number().int().describe('Articles quoting them.'),
        firstDate: z.string().nullable().describe('Earliest full date of those articles.'),
        lastDate: z.string().nullable(),
        roles: z.array(z.string()).describe('Roles the articles give them, most frequent first.'),
      }),
    ),
  })
  .openapi('Speakers');
