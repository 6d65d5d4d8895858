import { describe, expect, it } from 'vitest';
import { meanMetrics, parseQrels, scoreQuery } from '../../src/evaluation/index.js';
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
  it('rewards agreement and normalizes the top to 1', () => {
    const fused = fuse({
      dense: [
        { id: 1, similarity: 0.9 },
        { id: 2, similarity: 0.8 },
      ],
      lexical: [
        { passageId: 1, bm25: -5 },
        { passageId: 3, bm25: -4 },
      ],
      denseWeight: 1,
      lexicalWeight: 1,
    });
    expect(fused.map((p) => p.id)).toEqual([1, 2, 3]);
    expect(fused[0]?.score).toBeCloseTo(1, 10);
    expect(fused[0]).toMatchObject({ dense: 0.9, denseRank: 1, bm25: -5, lexicalRank: 1 });
    expect(fused[2]).toMatchObject({ dense: null, denseRank: null, lexicalRank: 2 });
  });

  it('fuses articles: ranked by best passage, whole-article BM25 as a second list', () => {
    const ranked = [1, 2, 3, 4, 5].map((id, i) => ({ id, score: 1 - i / 10 }));
    const article: Record<number, string> = { 1: 'A', 2: 'B', 3: 'A', 4: 'A', 5: 'B' };
    const byPassage = fuseArticles({
      passages: ranked,
      articleOf: (id) => article[id],
      articleLexical: [],
      passageWeight: 1,
      articleLexicalWeight: 0,
    });
    expect(byPassage.map((a) => [a.articleId, a.passages.map((p) => p.id)])).toEqual([
      ['A', [1, 3, 4]],
      ['B', [2, 5]],
    ]);
    expect(byPassage[0]?.score).toBeCloseTo(1, 10);
    const withArticles = fuseArticles({
      passages: ranked,
      articleOf: (id) => article[id],
      articleLexical: [{ articleId: 'C' }, { articleId: 'B' }],
      passageWeight: 1,
      articleLexicalWeight: 1,
    });
    expect(withArticles.map((a) => a.articleId)).toEqual(['B', 'A', 'C']);
    expect(withArticles.find((a) => a.articleId === 'C')?.passages).toEqual([]);
  });

  it('adds a weighted second-best passage when asked (measured, off by default)', () => {
    // A leads on its best passage (0.9 against 0.8); B's second passage is the stronger one
    // (0.7 against 0.6), and A's third (0.1) does not count: only the second-best is added.
    const passages = [
      { id: 1, score: 0.9 },
      { id: 2, score: 0.8 },
      { id: 3, score: 0.7 },
      { id: 4, score: 0.6 },
      { id: 5, score: 0.1 },
    ];
    const article: Record<number, string> = { 1: 'A', 2: 'B', 3: 'B', 4: 'A', 5: 'A' };
    const order = (secondPassageWeight: number) =>
      fuseArticles({
        passages,
        articleOf: (id) => article[id],
        articleLexical: [],
        passageWeight: 1,
        articleLexicalWeight: 0,
        secondPassageWeight,
      }).map((a) => a.articleId);
    expect(order(0)).toEqual(['A', 'B']);
    expect(order(0.5)).toEqual(['A', 'B']); // 0.9 + 0.30 against 0.8 + 0.35
    expect(order(2)).toEqual(['B', 'A']); // 0.9 + 1.2 against 0.8 + 1.4
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
