/**
 * The SQLite store as an EmbeddingSource: its identity and write lineage, its embeddings and
 * what changed since a generation, and filters as passage id sets. What the in-process vector
 * index keeps itself in step with.
 */
import type Database from 'better-sqlite3';
import type { IndexManifest, SearchFilters } from '../chunk-store.js';
import type { EmbeddingSource } from './embedding-source.js';
import { filterSql } from './sqlite-filters.js';
import { fromBlob } from './sqlite-schema.js';

/** The prepared statements the source reads through. */
export interface SourceStatements {
  getMeta: { get(key: string): { value: string } | undefined };
  commit: { get(generation: number): { token: string } | undefined };
  counts: { get(): { passages: number } | undefined };
  embeddings: { iterate(): IterableIterator<{ id: number; embedding: Buffer }> };
  addedSince: { all(generation: number): Array<{ id: number; embedding: Buffer }> };
  removedSince: { all(generation: number): Array<{ id: number }> };
}

export interface SourceHelpers {
  /** Wraps a function so SQLite's failures come out as SearchErrors. */
  guard: <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A) => R;
  generation: () => number;
  identity: () => string;
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
    *allEmbeddings() {
      for (const row of stmt.embeddings.iterate()) yield { id: row.id, embedding: fromBlob(row.embedding) };
    },
    changesSince: guard((gen: number) => ({
      removed: stmt.removedSince.all(gen).map((r) => r.id),
      added: stmt.addedSince.all(gen).map((r) => ({ id: r.id, embedding: fromBlob(r.embedding) })),
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
