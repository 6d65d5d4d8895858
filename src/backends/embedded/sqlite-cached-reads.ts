/**
 * The reads every result page makes, kept per index generation (read-cache.ts): its candidates'
 * stories, passage rows and vectors, and the whole articles of its first cards. Each bound is a
 * count of entries; the memory each takes is beside it. A search worker keeps its own.
 */
import type Database from 'better-sqlite3';
import type { ArticleStory, StoredArticle, StoredPassage } from '../chunk-store.js';
import { generationCache } from './read-cache.js';
import { readStories } from './sqlite-copies.js';
import { type ArticleFields, readArticleFields, readEmbeddings, readPassages } from './sqlite-reads.js';

/** Articles whose story (its members' ids, titles, sources, dates, links) is kept. */
export const STORIES_KEPT = 2_500;
/** Passage rows kept (the text and its article's fields), about 1 KB of text each. */
export const PASSAGES_KEPT = 2_500;
/** Articles whose fields a passage shows (title, place, date, source, collection) are kept. */
export const ARTICLE_FIELDS_KEPT = 5_000;
/** Passage vectors kept: 1.5 KB each at 384 dimensions. */
export const VECTORS_KEPT = 1_250;
/** Whole articles kept (a page reads its first cards' and its label's first card's twice). */
export const ARTICLES_KEPT = 128;

export interface CachedReads {
  stories(ids: readonly string[]): Map<string, ArticleStory>;
  passages(ids: readonly number[]): StoredPassage[];
  embeddings(ids: readonly number[]): Map<number, Float32Array>;
  article(id: string): StoredArticle | undefined;
}

export function createCachedReads(
  db: Database.Database,
  generation: () => number,
  readArticle: (id: string) => StoredArticle | undefined,
): CachedReads {
  const articles = generationCache<string, StoredArticle>(ARTICLES_KEPT, generation);
  const stories = generationCache<string, ArticleStory>(STORIES_KEPT, generation);
  const passages = generationCache<number, StoredPassage>(PASSAGES_KEPT, generation);
  const fields = generationCache<string, ArticleFields>(ARTICLE_FIELDS_KEPT, generation);
  const fieldsOf = (ids: readonly string[]) => fields.many(ids, (missing) => readArticleFields(db, missing));
  // In ascending ids, as SQLite answers `id IN (…)`: the query's feedback sums them in this order.
  const vectors = generationCache<number, Float32Array>(VECTORS_KEPT, generation, (ids) =>
    [...new Set(ids)].sort((a, b) => a - b),
  );
  return {
    stories: (ids) => stories.many(ids, (missing) => readStories(db, missing, true)),
    passages(ids) {
      const byId = passages.many(
        ids,
        (missing) => new Map(readPassages(db, missing, fieldsOf).map((p) => [p.id, p])),
      );
      return ids.flatMap((id) => byId.get(id) ?? []);
    },
    embeddings: (ids) => vectors.many(ids, (missing) => readEmbeddings(db, missing)),
    article: (id) =>
      articles
        .many(
          [id],
          (missing) =>
            new Map(
              missing.flatMap((m) => {
                const article = readArticle(m);
                return article ? [[m, article] as const] : [];
              }),
            ),
        )
        .get(id),
  };
}
