/**
 * The vector seams. `AnnIndex` is an in-memory nearest-neighbour structure over unit vectors
 * whose labels are passage ids (HNSW, or exact search). `VectorIndex` is what the engine talks
 * to: dense search with filters, kept in step with the store's writes; the embedded backend
 * implements it over an AnnIndex, a networked backend over its own kNN search.
 */
import { SearchError } from '../errors.js';
import type { SearchFilters, StoreChange } from './chunk-store.js';

export interface VectorHit {
  id: number;
  /** Cosine similarity in [-1, 1]. */
  similarity: number;
}

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

export interface VectorIndex {
  /** The k passages nearest to `vector` among those the filters allow, best first. */
  search(vector: Float32Array, k: number, filters?: SearchFilters): Promise<VectorHit[]>;
  /** Apply a write the store has committed (removed and added passages). */
  applyWrite(change: StoreChange): Promise<void>;
  /** Persist what writes changed (writers call it once per write; readers never). */
  flush(): Promise<void>;
  /** Bytes the index occupies on disk (0 when it lives elsewhere or only in memory). */
  sizeBytes(): Promise<number>;
  close(): Promise<void>;
}

export function checkDimension(expected: number, vector: Float32Array, what: string): void {
  if (vector.length !== expected) {
    throw new SearchError(
      'VECTOR_DIMENSION_MISMATCH',
      `${what} has dimension ${vector.length}, the index expects ${expected}; was it made with another model?`,
    );
  }
}
