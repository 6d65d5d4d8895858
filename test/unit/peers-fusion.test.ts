/** The peer bench's own fusion and FTS5 query (qmd-style RRF for the SQLite + sqlite-vec peer). */
import { describe, expect, it } from 'vitest';
import { ftsOrQuery, fuseRanks } from '../../bench/peers-common.js';

describe('fuseRanks', () => {
  it('adds 1/(k+rank) per list and a bonus for a top-ranked passage', () => {
    // 7 is first in the dense list only; 3 is second in both lists.
    const fused = fuseRanks([
      [7, 3, 9],
      [5, 3, 7],
    ]);
    // 3: 2/62 + 0.02 = 0.0523; 7: 1/61 + 1/63 + 0.05 = 0.0823; 5: 1/61 + 0.05 = 0.0664; 9: 1/63 + 0.02
    expect(fused).toEqual([7, 5, 3, 9]);
  });

  it('breaks ties by passage id so runs repeat', () => {
    expect(fuseRanks([[2], [1]])).toEqual([1, 2]);
  });
});

describe('ftsOrQuery', () => {
  it('quotes each distinct word and ORs them, so FTS5 syntax cannot get through', () => {
    expect(ftsOrQuery('Cells NEAR "cells" -AND stem*')).toBe('"cells" OR "near" OR "and" OR "stem"');
    expect(ftsOrQuery('?!')).toBeUndefined();
  });
});
