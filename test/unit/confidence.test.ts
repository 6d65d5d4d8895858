/** The label's confidence: evidence of each card from a hit list, and what the levels mean. */
import { describe, expect, it } from 'vitest';
import type { Hit } from '../../src/index.js';
import { cardEvidence, confidenceOf, matchOf } from '../../src/search/index.js';

function hit(articleId: string, dense: number, coverage: number): Hit {
  return {
    rank: 1,
    passageId: 1,
    articleId,
    title: '',
    place: null,
    date: null,
    source: null,
    collection: null,
    paragraph: 0,
    start: 0,
    end: 10,
    text: 'text',
    highlights: [],
    score: 1,
    relevance: 0.5,
    weak: false,
    scores: { dense, denseRank: 1, bm25: null, coverage, lexicalRank: null },
  };
}

describe('confidence', () => {
  it('each article is judged by its best hit, and leads the next article by cosine', () => {
    const evidence = cardEvidence([
      hit('a', 0.7, 1),
      hit('a', 0.5, 0.2),
      hit('b', 0.55, 0.5),
      hit('c', 0.6, 0),
    ]);
    expect(evidence).toHaveLength(3);
    expect(evidence[0]?.coverage).toBe(1);
    expect(evidence[0]?.lead).toBeCloseTo(0.15);
    // A card below the next one has no lead; the last has none either.
    expect(evidence[1]?.lead).toBe(0);
    expect(evidence[2]?.lead).toBe(0);
  });

  it('an answer well ahead holding the question is good; nothing of the question, level with the rest, is none', () => {
    const answer = confidenceOf({ cosine: 0.65, coverage: 1, lead: 0.1 });
    const nonsense = confidenceOf({ cosine: 0.15, coverage: 0, lead: 0 });
    expect(matchOf(answer)).toBe('good');
    expect(matchOf(nonsense)).toBe('none');
    expect(matchOf(confidenceOf({ cosine: 0.5, coverage: 0.5, lead: 0 }))).toBe('weak');
    expect(matchOf(undefined)).toBe('none');
  });
});
