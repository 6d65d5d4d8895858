/**
 * What an in-process vector index needs from the embedded store to stay in step with it:
 * the database's identity and write lineage, the embeddings, and what changed since a
 * generation. The graph is derived data and is rebuilt whenever its lineage cannot be proven.
 */
import type { SearchFilters } from '../chunk-store.js';

export interface StoredEmbedding {
  id: number;
  embedding: Float32Array;
}

export interface EmbeddingSource {
  /** Random identity of the database, fixed at creation: a graph built from another one is never reused. */
  identity(): string;
  /** Dimension of the index's model, once the index has a manifest. */
  dimension(): number | undefined;
  generation(): number;
  /** Token of the commit that produced `generation`, if that commit is in this database's history. */
  commitToken(generation: number): string | undefined;
  passageCount(): number;
  allEmbeddings(): Iterable<StoredEmbedding>;
  /** Passages removed and added after `generation` (a re-used id appears in both). */
  changesSince(generation: number): { removed: number[]; added: Iterable<StoredEmbedding> };
  /** Passage ids the filters allow, or undefined when they allow everything. */
  allowedPassageIds(filters: SearchFilters | undefined): ReadonlySet<number> | undefined;
}
