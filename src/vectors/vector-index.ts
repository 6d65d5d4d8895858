/** The vector seam: nearest neighbours over unit vectors, labels are passage ids. */
import { SearchError } from '../errors.js';

export interface VectorHit {
  id: number;
  /** Cosine similarity in [-1, 1]. */
  similarity: number;
}

export interface VectorIndex {
  readonly dimension: number;
  /** Live (not deleted) vectors. */
  size(): number;
  has(id: number): boolean;
  ids(): number[];
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
