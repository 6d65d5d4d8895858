/** The label's confidence: evidence of each card from a hit list, and what the levels mean. */
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/analysis/index.js';
import type { Hit } from '../../src/index.js';
import {
  cardEvidence,
  confidenceOf,
  labelConfidence,
  labelEvidence,
  matchOf,
} from '../../src/search/index.js';

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

  it("the label reads the first card's whole article: the same passage counts for more where the article holds the rest of the question", () => {
    const question = parseQuery('who won the carling cup final');
    // The best passage names the cup, not the final nor who won it (coverage 0.5).
    const first = { cosine: 0.3, coverage: 0.5, lead: 0 };
    const preview = {
      title: 'Cudicini banned for Carling Cup tie',
      text: 'Chelsea goalkeeper Carlo Cudicini will miss the Carling Cup tie after his red card.',
    };
    const report = {
      title: 'Chelsea lift the Carling Cup',
      text: 'Chelsea won the Carling Cup final, beating Liverpool 3-2 after extra time.',
    };
    const before = labelEvidence(first, preview, question);
    const after = labelEvidence(first, report, question);
    expect(before.articleCoverage).toBeCloseTo(0.5);
    expect(after.articleCoverage).toBe(1);
    expect(matchOf(labelConfidence(before))).toBe('weak');
    expect(matchOf(labelConfidence(after))).toBe('good');
    // The cards' own model cannot tell the two apart.
    expect(confidenceOf(first)).toBeLessThan(0.5);
  });
});
