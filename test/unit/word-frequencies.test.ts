/** The index's word counts, remembered per generation: asked once per word, again after a write. */
import { describe, expect, it } from 'vitest';
import type { ChunkStore } from '../../src/backends/index.js';
import { indexWordFrequencies } from '../../src/search/index.js';

/** A store whose counts are the stems' lengths times its generation, and which logs what it is asked. */
function fakeStore(networked = false) {
  const state = { generation: 1, asked: [] as string[][], writeDuringCount: false };
  const store = {
    capabilities: { exactWordCoverage: true, fieldUpdates: true, inMemoryLexical: true, networked },
    generation: async () => state.generation,
    wordFrequencies: async (groups: readonly (readonly string[])[]) => {
      state.asked.push(groups.map((g) => g.join('|')));
      // A write that commits just before the count reads.
      if (state.writeDuringCount) state.generation++;
      state.writeDuringCount = false;
      const generation = state.generation;
      return {
        passages: 1000 * generation,
        counts: groups.map((g) => (g[0] === 'unknown' ? null : g.join('').length * generation)),
      };
    },
  };
  return { store: store as unknown as ChunkStore, state };
}

describe('word counts per generation', () => {
  it('a word counted once is not asked again in the same generation', async () => {
    const { store, state } = fakeStore();
    const first = await indexWordFrequencies(store, [['kuril'], ['island', 'isl'], ['unknown']]);
    expect(first).toEqual({ passages: 1000, counts: [5, 9, null] });
    const second = await indexWordFrequencies(store, [['unknown'], ['kuril'], ['treati']]);
    expect(second).toEqual({ passages: 1000, counts: [null, 5, 6] });
    expect(state.asked).toEqual([['kuril', 'island|isl', 'unknown'], ['treati']]);
    expect(await indexWordFrequencies(store, [['treati'], ['kuril']])).toEqual({
      passages: 1000,
      counts: [6, 5],
    });
    expect(state.asked).toHaveLength(2);
  });

  it('a new generation counts again', async () => {
    const { store, state } = fakeStore();
    await indexWordFrequencies(store, [['kuril']]);
    state.generation = 2;
    expect(await indexWordFrequencies(store, [['kuril']])).toEqual({ passages: 2000, counts: [10] });
    expect(state.asked).toEqual([['kuril'], ['kuril']]);
  });

  it('counts taken while a write committed are not mixed with the older ones', async () => {
    const { store, state } = fakeStore();
    await indexWordFrequencies(store, [['kuril']]);
    state.writeDuringCount = true;
    expect(await indexWordFrequencies(store, [['kuril'], ['treati']])).toEqual({
      passages: 2000,
      counts: [10, 12],
    });
    expect(await indexWordFrequencies(store, [['kuril']])).toEqual({ passages: 2000, counts: [10] });
  });

  it('a networked store is asked every time', async () => {
    const { store, state } = fakeStore(true);
    await indexWordFrequencies(store, [['kuril']]);
    await indexWordFrequencies(store, [['kuril']]);
    expect(state.asked).toEqual([['kuril'], ['kuril']]);
  });
});
