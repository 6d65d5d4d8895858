/**
 * Keeps the HNSW graph in step with SQLite, which is the truth: load the saved graph when its
 * generation matches, bring a stale one up to date from stored embeddings, rebuild a missing
 * or corrupt one, and compact when too many deletions pile up.
 */
import { join } from 'node:path';
import type { ChunkStore } from '../store/index.js';
import { createHnswIndex, type HnswIndex, loadHnswIndex } from '../vectors/index.js';

export const HNSW_FILE = 'vectors.hnsw';
/** Rebuild the graph when deleted labels exceed this share of live ones. */
export const COMPACT_DELETED_RATIO = 0.25;

export interface SyncedVectors {
  index: HnswIndex;
  generation: number;
}

function rebuild(store: ChunkStore, dimension: number): HnswIndex {
  const ids = store.passageIds();
  const index = createHnswIndex({ dimension }, Math.max(1024, Math.ceil(ids.length * 1.25)));
  for (const { id, embedding } of store.embeddings()) index.add(id, embedding);
  return index;
}

/** Bring `index` up to the store's passages: remove what is gone, add what is new. */
export function catchUp(store: ChunkStore, index: HnswIndex): { added: number; removed: number } {
  const dbIds = new Set(store.passageIds());
  let removed = 0;
  for (const id of index.ids()) {
    if (!dbIds.has(id)) {
      index.remove(id);
      removed++;
    }
  }
  let added = 0;
  const missing = new Set([...dbIds].filter((id) => !index.has(id)));
  if (missing.size > 0) {
    for (const { id, embedding } of store.embeddings()) {
      if (missing.has(id)) {
        index.add(id, embedding);
        added++;
      }
    }
  }
  return { added, removed };
}

export function openVectors(
  store: ChunkStore,
  dimension: number,
  log: (line: string) => void,
): SyncedVectors {
  const path = join(store.dir, HNSW_FILE);
  const generation = store.generation();
  const outcome = loadHnswIndex(path, { dimension });
  if (outcome.status === 'loaded') {
    if (outcome.generation === generation) return { index: outcome.index, generation };
    log(
      `HNSW index is at generation ${outcome.generation}, the database at ${generation}: updating it from stored embeddings`,
    );
    catchUp(store, outcome.index);
    outcome.index.save(path, generation);
    return { index: outcome.index, generation };
  }
  const count = store.stats().passages;
  if (count > 0 || outcome.status !== 'missing') {
    log(`${outcome.reason}: rebuilding the HNSW index from ${count} stored embeddings`);
  }
  const index = rebuild(store, dimension);
  index.save(path, generation);
  return { index, generation };
}

/** Save after a write, compacting first if deletions have piled up. */
export function saveVectors(
  store: ChunkStore,
  vectors: SyncedVectors,
  log: (line: string) => void,
): SyncedVectors {
  const path = join(store.dir, HNSW_FILE);
  const generation = store.generation();
  let { index } = vectors;
  if (index.deletedCount() > Math.max(64, index.size() * COMPACT_DELETED_RATIO)) {
    log(
      `compacting the HNSW index (${index.deletedCount()} deleted of ${index.size() + index.deletedCount()})`,
    );
    index = rebuild(store, index.dimension);
  }
  index.save(path, generation);
  return { index, generation };
}
