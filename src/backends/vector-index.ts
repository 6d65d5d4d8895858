/**
 * The vector seam: what the engine talks to for dense search with filters, kept in step with
 * the store's writes. The embedded backend implements it over an in-memory nearest-neighbour
 * index (embedded/ann-index.ts), a networked backend over its own kNN search.
 */
import type { SearchFilters, StoreChange } from './chunk-store.js';

export interface VectorHit {
  id: number;
  /** Cosine similarity in [-1, 1]. */
  similarity: number;
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
