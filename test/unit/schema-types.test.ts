/** The HTTP/MCP zod schemas and the library's types describe the same shapes (checked by tsc). */
import type { z } from '@hono/zod-openapi';
import { describe, expectTypeOf, it } from 'vitest';
import type { Hit, SearchResponse, StoredArticle } from '../../src/index.js';
import type { ResultCard } from '../../src/results/cards.js';
import type { ResultsResponse } from '../../src/results/results.js';
import type { CardSchema, HitSchema, SearchResponseSchema } from '../../src/serve/api/response-schemas.js';
import type { ArticleSchema } from '../../src/serve/api/schemas.js';

describe('schemas in step with the library types', () => {
  it('a Hit is what the hit schema says, both ways', () => {
    expectTypeOf<Hit>().toMatchTypeOf<z.infer<typeof HitSchema>>();
    expectTypeOf<z.infer<typeof HitSchema>>().toMatchTypeOf<Hit>();
  });

  it('the API response carries the library response and its cards', () => {
    expectTypeOf<Omit<z.infer<typeof SearchResponseSchema>, 'cards' | 'facets' | 'hits'>>().toMatchTypeOf<
      Omit<SearchResponse, 'hits'>
    >();
    expectTypeOf<ResultCard>().toMatchTypeOf<z.infer<typeof CardSchema>>();
    expectTypeOf<Pick<ResultsResponse, 'total' | 'offset' | 'match'>>().toMatchTypeOf<
      Pick<z.infer<typeof SearchResponseSchema>, 'total' | 'offset' | 'match'>
    >();
  });

  it('a stored article fits the article schema', () => {
    expectTypeOf<Pick<StoredArticle, 'id' | 'title' | 'text'>>().toMatchTypeOf<
      Pick<z.infer<typeof ArticleSchema>, 'id' | 'title' | 'text'>
    >();
  });
});
