/**
 * Catching up with commits made by a writer in the same process (the server's search workers
 * beside its writes): a commit landing while the changes are read must be applied on the next
 * catch-up, never skipped.
 */
import { describe, expect, it } from 'vitest';
import {
  createSyncedVectorIndex,
  type EmbeddingSource,
  type StoredEmbedding,
} from '../../src/backends/embedded/index.js';

function fakeSource() {
  const vectors = new Map<number, Float32Array>();
  const addedAt = new Map<number, number>();
  let generation = 0;
  let duringRead: (() => void) | undefined;
  const commit = (id: number, v: number[]) => {
    generation++;
    vectors.set(id, Float32Array.from(v));
    addedAt.set(id, generation);
  };
  const source: EmbeddingSource = {
    identity: () => 'fake',
    dimension: () => 3,
    generation: () => generation,
    commitToken: (g) => (g <= generation ? `token-${g}` : undefined),
    passageCount: () => vectors.size,
    allEmbeddings: () => [...vectors].map(([id, embedding]) => ({ id, embedding })),
    changesSince: (g) => {
      const added: StoredEmbedding[] = [...vectors]
        .filter(([id]) => (addedAt.get(id) ?? 0) > g)
        .map(([id, embedding]) => ({ id, embedding }));
      // Another commit lands after the changes were read, before the reader is done.
      const hook = duringRead;
      duringRead = undefined;
      hook?.();
      return { removed: [], added };
    },
    allowedPassageIds: () => undefined,
  };
  return { source, commit, whileReading: (f: () => void) => (duringRead = f) };
}

describe('synced vector index catch-up', () => {
  it('applies a commit that lands while it catches up, on the next search', async () => {
    const { source, commit, whileReading } = fakeSource();
    commit(1, [1, 0, 0]);
    const index = createSyncedVectorIndex({ source, kind: 'exact', path: '/nonexistent' });
    expect((await index.search(Float32Array.from([1, 0, 0]), 1)).map((h) => h.id)).toEqual([1]);
    commit(2, [0, 1, 0]);
    whileReading(() => commit(3, [0, 0, 1]));
    expect((await index.search(Float32Array.from([0, 1, 0]), 1)).map((h) => h.id)).toEqual([2]);
    // Passage 3 was committed during that catch-up: this search must find it.
    expect((await index.search(Float32Array.from([0, 0, 1]), 1)).map((h) => h.id)).toEqual([3]);
  });
});
