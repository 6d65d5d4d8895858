/**
 * An in-memory nearest-neighbour structure over unit vectors whose labels are passage ids: the
 * HNSW graph, or exact search. The embedded VectorIndex (synced-vector-index.ts) keeps one in
 * step with the SQLite store.
 */
import { SearchError } from '../../errors.js';
import type { VectorHit } from '../vector-index.js';

export interface AnnIndex {
  readonly dimension: number;
  /** Live (not deleted) vectors. */
  size(): number;
  has(id: number): boolean;
  ids(): number[];
  /** Add a vector, or replace the vector of a label that exists (live or deleted). */
  add(id: number, vector: Float32Array): void;
  remove(id: number): void;
  search(vector: Float32Array, k: number, allowed?: ReadonlySet<number>): VectorHit[];
}

export function checkDimension(expected: number, vector: Float32Array, what: string): void {
  if (vector.length !== expected) {
    throw new SearchError(
      'VECTOR_DIMENSION_MISMATCH',
      `${what} has dimension ${vector.length}, the index expects ${expected}; was it made with another model?`,
    );
  }
}
