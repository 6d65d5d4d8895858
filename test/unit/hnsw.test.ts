import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createExactIndex, createHnswIndex, loadHnswIndex } from '../../src/backends/embedded/index.js';
import { tempDir } from '../helpers.js';

function randomUnit(dim: number, seed: number): Float32Array {
  let s = seed;
  const v = new Float32Array(dim).map(() => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31 - 0.5;
  });
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

const lineage = (generation: number) => ({ identity: 'db-1', generation, token: `t${generation}` });

describe('HNSW index', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('grows past its capacity after being loaded empty, and matches exact search', async () => {
    const path = join(tmp.dir, 'empty.hnsw');
    await createHnswIndex({ dimension: 16 }).save(path, lineage(0));
    const loaded = loadHnswIndex(path, { dimension: 16 });
    if (loaded.status !== 'loaded') throw new Error(loaded.reason);
    const exact = createExactIndex(16);
    for (let i = 1; i <= 3000; i++) {
      const v = randomUnit(16, i);
      loaded.index.add(i, v);
      exact.add(i, v);
    }
    expect(loaded.index.size()).toBe(3000);
    const q = randomUnit(16, 99_999);
    const approx = loaded.index.search(q, 10).map((h) => h.id);
    const truth = exact.search(q, 10).map((h) => h.id);
    expect(approx.filter((id) => truth.includes(id)).length).toBeGreaterThanOrEqual(9);
  });

  it('keeps deletions and lineage across save and load, and refuses a wrong dimension', async () => {
    const path = join(tmp.dir, 'del.hnsw');
    const index = createHnswIndex({ dimension: 8 });
    for (let i = 1; i <= 50; i++) index.add(i, randomUnit(8, i));
    index.remove(7);
    await index.save(path, lineage(3));
    const loaded = loadHnswIndex(path, { dimension: 8 });
    if (loaded.status !== 'loaded') throw new Error(loaded.reason);
    expect(loaded.lineage).toEqual(lineage(3));
    expect(loaded.index.has(7)).toBe(false);
    expect(loaded.index.size()).toBe(49);
    expect(loaded.index.search(randomUnit(8, 7), 49).some((h) => h.id === 7)).toBe(false);
    expect(loadHnswIndex(path, { dimension: 9 }).status).toBe('mismatch');
    expect(() => loaded.index.add(99, new Float32Array(4))).toThrowError(
      expect.objectContaining({ code: 'VECTOR_DIMENSION_MISMATCH' }),
    );
  });

  it('gives a re-used label its new vector, whether the old one was deleted or live', () => {
    const index = createHnswIndex({ dimension: 8 });
    for (let i = 1; i <= 20; i++) index.add(i, randomUnit(8, i));
    const fresh = randomUnit(8, 1234);
    index.remove(5);
    index.add(5, fresh);
    expect(index.search(fresh, 1)[0]).toMatchObject({ id: 5 });
    expect(index.search(fresh, 1)[0]?.similarity).toBeCloseTo(1, 5);
    const other = randomUnit(8, 4321);
    index.add(6, other); // live label, new vector
    expect(index.search(other, 1)[0]).toMatchObject({ id: 6 });
    expect(index.search(other, 1)[0]?.similarity).toBeCloseTo(1, 5);
  });
});
