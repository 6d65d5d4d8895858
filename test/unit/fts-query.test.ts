import { describe, expect, it } from 'vitest';
import { buildFtsQuery, FTS_MAX_TERMS, queryTerms } from '../../src/store/index.js';

describe('FTS query building', () => {
  it('drops stop words and ORs quoted terms', () => {
    expect(buildFtsQuery('what did Abe say about the Kurils')).toBe('"abe" OR "kurils"');
  });

  it('keeps stop words when nothing else is left', () => {
    expect(queryTerms('what is it')).toEqual(['what', 'is', 'it']);
  });

  it('turns FTS syntax into plain terms', () => {
    for (const hostile of ['"', '*', 'NEAR(a b)', 'AND OR', '-', 'abe"', 'title:abe', '(((', 'a* OR "b']) {
      const q = buildFtsQuery(hostile);
      if (q !== undefined) expect(q).toMatch(/^"[\p{L}\p{N}]+"( OR "[\p{L}\p{N}]+")*$/u);
    }
    expect(buildFtsQuery('***')).toBeUndefined();
  });

  it('caps the number of terms', () => {
    const long = Array.from({ length: 200 }, (_, i) => `term${i}`).join(' ');
    expect(queryTerms(long)).toHaveLength(FTS_MAX_TERMS);
  });
});
