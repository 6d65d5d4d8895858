/** The HTTP/MCP zod schemas and the library's types describe the same shapes (checked by tsc). */
import type { z } from '@hono/zod-openapi';
import { describe, expectTypeOf, it } from 'vitest';
import type { Hit, SearchResponse, StoredArticle } from '../../src/index.js';
import type { ArticleSchema, HitSchema, SearchResponseSchema } from '../../src/serve/api/schemas.js';

describe('schemas in step with the library types', () => {
  it('a Hit and a SearchResponse are what the schemas say', () => {
    expectTypeOf<Hit>().toMatchTypeOf<z.infer<typeof HitSchema>>();
    expectTypeOf<z.infer<typeof HitSchema>>().toMatchTypeOf<Hit>();
    expectTypeOf<SearchResponse>().toMatchTypeOf<z.infer<typeof SearchResponseSchema>>();
    expectTypeOf<z.infer<typeof SearchResponseSchema>>().toMatchTypeOf<SearchResponse>();
  });

  it('a stored article fits the article schema', () => {
    expectTypeOf<Pick<StoredArticle, 'id' | 'title' | 'text'>>().toMatchTypeOf<
      Pick<z.infer<typeof ArticleSchema>, 'id' | 'title' | 'text'>
    >();
  });
});
