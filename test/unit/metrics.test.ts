import { describe, expect, it } from 'vitest';
import { meanMetrics, parseQrels, scoreQuery, storyNdcg } from '../../src/evaluation/index.js';
import { fuse, fuseArticles } from '../../src/search/index.js';

describe('metrics', () => {
  it('computes nDCG@10 with linear gains, MRR@10 and Recall@100', () => {
    const judged = new Map([
      ['a', 2],
      ['b', 1],
      ['z', 1],
    ]);
    const m = scoreQuery(['x', 'a', 'b'], judged);
    const dcg = 2 / Math.log2(3) + 1 / Math.log2(4);
    const idcg = 2 + 1 / Math.log2(3) + 1 / Math.log2(4);
    expect(m.ndcg10).toBeCloseTo(dcg / idcg, 10);
    expect(m.mrr10).toBeCloseTo(0.5, 10);
    expect(m.recall100).toBeCloseTo(2 / 3, 10);
    expect(meanMetrics([m, { ndcg10: 1, mrr10: 1, recall100: 1 }]).mrr10).toBeCloseTo(0.75, 10);
  });

  it('scores stories once each: a card gains its best judged copy, and the ideal has one entry a story', () => {
    // a and a2 are copies (story a); b is a story of its own; c is judged but never shown.
    const judged = new Map([
      ['a', 1],
      ['a2', 2],
      ['b', 1],
      ['c', 1],
    ]);
    const storyOf = new Map([
      ['a', 'a'],
      ['a2', 'a'],
    ]);
    const idcg = 2 + 1 / Math.log2(3) + 1 / Math.log2(4);
    // The card for story a (led by a) gains a2's grade; showing a2 again later gains nothing.
    expect(storyNdcg(['a', 'x', 'b', 'a2'], judged, storyOf)).toBeCloseTo((2 + 1 / Math.log2(4)) / idcg, 10);
    // Every article on its own: the copy counts as missing from the ideal list.
    expect(scoreQuery(['a', 'x', 'b'], judged).ndcg10).toBeLessThan(
      storyNdcg(['a', 'x', 'b'], judged, storyOf),
    );
    expect(storyNdcg(['x'], judged, storyOf)).toBe(0);
  });

  it('parses three- and four-column qrels', () => {
    const q = parseQrels('1\td1\t1\n1 0 d2 2\n2\td3\t0\n');
    expect(q.get('1')).toEqual(
      new Map([
        ['d1', 1],
        ['d2', 2],
      ]),
    );
    expect(q.get('2')?.get('d3')).toBe(0);
  });
});

describe('fusion', () => {
  it('rewards agreement and maps the candidates onto [0, 1]', () => {
    const fused = fuse({
      dense: [
        { id: 1, similarity: 0.9 },
        { id: 2, similarity: 0.5 },
      ],
      lexical: [
        { passageId: 1, bm25: 8 },
        { passageId: 3, bm25: 4 },
        { passageId: 4, bm25: 2 },
      ],
      denseWeight: 1,
      lexicalWeight: 1,
    });
    // 1 leads both lists; 3 is a third of the way up the lexical list; 2 and 4 are each last
    // in their only list, and the tie goes to the one with a dense similarity.
    expect(fused.map((p) => p.id)).toEqual([1, 3, 2, 4]);
    expect(fused.map((p) => p.score)).toEqual([1, 1 / 6, 0, 0]);
    expect(fused[0]).toMatchObject({ dense: 0.9, denseRank: 1, bm25: 8, lexicalRank: 1 });
    expect(fused[3]).toMatchObject({ dense: null, denseRank: null, lexicalRank: 3 });
  });

  it('fuses articles: ranked by best passage, scores falling gently with rank', () => {
    const ranked = [1, 2, 3, 4, 5, 6].map((id, i) => ({ id, score: 1 - i / 10 }));
    const article: Record<number, string> = { 1: 'A', 2: 'B', 3: 'A', 4: 'A', 5: 'B', 6: 'C' };
    const byPassage = fuseArticles(ranked, (id) => article[id]);
    expect(byPassage.map((a) => [a.articleId, a.passages.map((p) => p.id)])).toEqual([
      ['A', [1, 3, 4]],
      ['B', [2, 5]],
      ['C', [6]],
    ]);
    expect(byPassage.map((a) => a.score)).toEqual([1, 61 / 62, 61 / 63]);
    // A passage whose article is unknown (filtered out) is left out.
    expect(
      fuseArticles(ranked, (id) => (id === 1 ? undefined : article[id])).map((a) => a.articleId),
    ).toEqual(['B', 'A', 'C']);
  });
});

describe('query expansion', () => {
  it('moves the query toward the feedback centroid and keeps unit length', async () => {
    const { expandQuery } = await import('../../src/search/index.js');
    const q = Float32Array.of(1, 0, 0);
    const out = expandQuery(q, [Float32Array.of(0, 1, 0), Float32Array.of(0, 0, 1)], 1);
    expect(Array.from(out).map((x) => Number(x.toFixed(4)))).toEqual([0.8165, 0.4082, 0.4082]);
    expect(expandQuery(q, [], 1)).toEqual(q);
  });
});
