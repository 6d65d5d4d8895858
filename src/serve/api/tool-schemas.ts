/** Inputs and outputs of the chat tools beyond search: paged articles and the corpus summary. */
import { z } from '@hono/zod-openapi';
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
