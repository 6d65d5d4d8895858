/**
 * The SQLite store as an EmbeddingSource: its identity and write lineage, its embeddings and
 * what changed since a generation, and filters as passage id sets. What the in-process vector
 * index keeps itself in step with.
 */
import type Database from 'better-sqlite3';
import type { IndexManifest, SearchFilters } from '../chunk-store.js';
import type { EmbeddingSource, StoredEmbedding } from './embedding-source.js';
import { filterSql } from './sqlite-filters.js';
import { fromBlob } from './sqlite-schema.js';

/** The prepared statements the source reads through. */
export interface SourceStatements {
  getMeta: { get(key: string): { value: string } | undefined };
  commit: { get(generation: number): { token: string } | undefined };
  counts: { get(): { passages: number } | undefined };
  embeddingsAfter: { all(afterId: number, limit: number): Array<{ id: number; embedding: Buffer }> };
  addedSinceAfter: {
    all(generation: number, afterId: number, limit: number): Array<{ id: number; embedding: Buffer }>;
  };
  removedSince: { all(generation: number): Array<{ id: number }> };
}

/** Embeddings read per query when all are read (about 1.6 MB of 384-d vectors). */
const EMBEDDINGS_PAGE = 1024;

export interface SourceHelpers {
  /** Wraps a function so SQLite's failures come out as SearchErrors. */
  guard: <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A) => R;
  generation: () => number;
  identity: () => string;
}

/**
 * Rows read a page at a time, never through an open cursor: a reader may yield to the event
 * loop between two embeddings (the graph is built in slices), and other statements on this
 * connection must run meanwhile. A row committed between two pages is read if its id is past
 * the page; the graph's catch-up reads it again next time, and adding it twice is harmless.
 */
function* paged(
  page: (afterId: number) => Array<{ id: number; embedding: Buffer }>,
): Generator<StoredEmbedding> {
  let after = -1;
  for (;;) {
    const rows = page(after);
    for (const row of rows) yield { id: row.id, embedding: fromBlob(row.embedding) };
    if (rows.length < EMBEDDINGS_PAGE) return;
    after = (rows[rows.length - 1] as { id: number }).id;
  }
}

export function createEmbeddingSource(
  db: Database.Database,
  stmt: SourceStatements,
  h: SourceHelpers,
): EmbeddingSource {
  const { guard } = h;
  return {
    identity: guard(h.identity),
    dimension: guard(() => {
      const raw = stmt.getMeta.get('manifest')?.value;
      return raw ? (JSON.parse(raw) as IndexManifest).model.dimension : undefined;
    }),
    generation: guard(h.generation),
    commitToken: guard((gen: number) => (gen === 0 ? 'empty' : stmt.commit.get(gen)?.token)),
    passageCount: guard(() => stmt.counts.get()?.passages ?? 0),
    allEmbeddings: () => paged(guard((after: number) => stmt.embeddingsAfter.all(after, EMBEDDINGS_PAGE))),
    changesSince: guard((gen: number) => ({
      removed: stmt.removedSince.all(gen).map((r) => r.id),
      added: paged(guard((after: number) => stmt.addedSinceAfter.all(gen, after, EMBEDDINGS_PAGE))),
    })),
    allowedPassageIds: guard((filters: SearchFilters | undefined) => {
      const { where, params } = filterSql(filters);
      if (where.length === 0) return undefined;
      const rows = db
        .prepare<unknown[], { id: number }>(
          `SELECT p.id FROM passages p JOIN articles a ON a.id = p.article_id WHERE ${where.join(' AND ')}`,
        )
        .all(...params);
      return new Set(rows.map((r) => r.id));
    }),
  };
}
