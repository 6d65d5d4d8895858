/** Reads whose SQL depends on the request (id lists, filters): passages, embeddings, BM25 search. */
import type Database from 'better-sqlite3';
import type { LexicalHit, SearchFilters, StoredPassage } from '../chunk-store.js';
import { buildFtsQuery } from './fts-query.js';
import { filterSql } from './sqlite-filters.js';
import { prepared } from './sqlite-prepared.js';
import { fromBlob, type PassageRow } from './sqlite-schema.js';

/** FTS5 bm25 column weights: title, text. */
const BM25_WEIGHTS = [1.0, 1.0] as const;

/**
 * An id list as one parameter: one statement for every length (an `IN (?,…)` list made one per
 * length, and a page's reads of a hundred-odd lengths pushed each other out of the kept ones).
 */
const IN_IDS = 'IN (SELECT value FROM json_each(?))';

/** The fields a passage shows of its article. */
export type ArticleFields = Pick<PassageRow, 'title' | 'place' | 'date' | 'source' | 'collection'>;

/**
 * Passages by id, in the order asked (absent ids, and passages whose article is absent, left
 * out), their article's fields from `fieldsOf` (many passages share an article: kept apart).
 */
export function readPassages(
  db: Database.Database,
  ids: readonly number[],
  fieldsOf: (articleIds: readonly string[]) => Map<string, ArticleFields>,
): StoredPassage[] {
  if (ids.length === 0) return [];
  const rows = prepared<Omit<PassageRow, keyof ArticleFields>>(
    db,
    `SELECT id, article_id, ordinal, paragraph, start, end, text FROM passages WHERE id ${IN_IDS}`,
  ).all(JSON.stringify(ids));
  const fields = fieldsOf([...new Set(rows.map((r) => r.article_id))]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    const a = r && fields.get(r.article_id);
    if (!r || !a) return [];
    const { title, place, date, source, collection } = a;
    return [
      {
        id,
        articleId: r.article_id,
        ordinal: r.ordinal,
        paragraph: r.paragraph,
        start: r.start,
        end: r.end,
        text: r.text,
        title,
        place,
        date,
        source,
        collection,
      },
    ];
  });
}

/** The fields of each article a passage shows (absent ids are left out). */
export function readArticleFields(db: Database.Database, ids: readonly string[]): Map<string, ArticleFields> {
  if (ids.length === 0) return new Map();
  const rows = prepared<ArticleFields & { id: string }>(
    db,
    `SELECT id, title, place, date, source, collection FROM articles WHERE id ${IN_IDS}`,
  ).all(JSON.stringify(ids));
  return new Map(rows.map(({ id, ...fields }) => [id, fields]));
}

/** The article of each passage (absent ids are left out). */
export function readPassageArticles(db: Database.Database, ids: readonly number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  const rows = prepared<{ id: number; article_id: string }>(
    db,
    `SELECT id, article_id FROM passages WHERE id ${IN_IDS}`,
  ).all(JSON.stringify(ids));
  return new Map(rows.map((r) => [r.id, r.article_id]));
}

/**
 * A blob's vector: a view of the blob's own memory when it has that alone (the driver copies
 * each blob into a buffer of its own), so a page's hundred vectors are not copied twice.
 */
function vectorOf(blob: Buffer): Float32Array {
  const own = blob.byteOffset === 0 && blob.buffer.byteLength === blob.byteLength;
  return own ? new Float32Array(blob.buffer, 0, blob.byteLength / 4) : fromBlob(blob);
}

export function readEmbeddings(db: Database.Database, ids: readonly number[]): Map<number, Float32Array> {
  if (ids.length === 0) return new Map();
  const rows = prepared<{ id: number; embedding: Buffer }>(
    db,
    `SELECT id, embedding FROM passages WHERE id ${IN_IDS}`,
  ).all(JSON.stringify(ids));
  return new Map(rows.map((r) => [r.id, vectorOf(r.embedding)]));
}

export function lexicalSearch(
  db: Database.Database,
  text: string,
  limit: number,
  filters: SearchFilters | undefined,
): LexicalHit[] {
  const match = buildFtsQuery(text);
  if (!match || limit <= 0) return [];
  const { where, params } = filterSql(filters);
  const weights = BM25_WEIGHTS.join(', ');
  // Filters join inside the query, so a narrow filter never loses hits to a row cap.
  const sql =
    where.length === 0
      ? `SELECT rowid AS id, bm25(passages_fts, ${weights}) AS score FROM passages_fts
         WHERE passages_fts MATCH ? ORDER BY score LIMIT ?`
      : `SELECT f.rowid AS id, bm25(passages_fts, ${weights}) AS score FROM passages_fts f
         JOIN passages p ON p.id = f.rowid JOIN articles a ON a.id = p.article_id
         WHERE passages_fts MATCH ? AND ${where.join(' AND ')} ORDER BY score LIMIT ?`;
  const rows = prepared<{ id: number; score: number }>(db, sql).all(match, ...params, limit);
  // FTS5's bm25() is lower-is-better; the seam's is higher-is-better.
  return rows.map((r) => ({ passageId: r.id, bm25: -r.score }));
}
