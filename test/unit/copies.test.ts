/** Copy fingerprints, the finder that forms stories, and result cards collapsed by story. */
import { describe, expect, it } from 'vitest';
import {
  createCopyFinder,
  SKETCH_HASHES,
  shingleJaccard,
  sketchBytes,
  sketchFromBytes,
  sketchOf,
  sketchSimilarity,
  textHash,
} from '../../src/copies/index.js';
import type { ArticleStory, Hit } from '../../src/index.js';
import { collapseStories, toCards } from '../../src/results/index.js';

/** A deterministic text of n words drawn from a large vocabulary (seeded LCG). */
function words(n: number, seed: number): string[] {
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return `w${x % 5000}`;
  });
}

describe('fingerprints', () => {
  it('the text hash ignores case, spacing and punctuation, and nothing else', () => {
    expect(textHash('', 'Oil prices  rose, sharply.')).toBe(textHash('', 'oil PRICES rose sharply'));
    expect(textHash('', 'Oil prices rose sharply')).not.toBe(textHash('', 'Oil prices fell sharply'));
  });

  it('sketch agreement estimates the shingle Jaccard within a few hundredths', () => {
    const base = words(600, 1);
    for (const [cut, label] of [
      [60, 'a trimmed ending'],
      [200, 'a third cut'],
      [450, 'most cut'],
    ] as const) {
      const a = base.join(' ');
      const b = base.slice(0, base.length - cut).join(' ');
      const exact = shingleJaccard(a, b);
      const estimate = sketchSimilarity(sketchOf('', a), sketchOf('', b));
      expect(Math.abs(estimate - exact), label).toBeLessThan(0.12);
    }
    const unrelated = sketchSimilarity(sketchOf('', base.join(' ')), sketchOf('', words(600, 2).join(' ')));
    expect(unrelated).toBeLessThan(0.05);
  });

  it('a sketch has SKETCH_HASHES values and survives its byte form', () => {
    const s = sketchOf('Title', words(100, 3).join(' '));
    expect(s.length).toBe(SKETCH_HASHES);
    expect([...sketchFromBytes(new Uint8Array(sketchBytes(s)))]).toEqual([...s]);
  });
});

describe('copy finder', () => {
  const text = words(400, 7);
  const facts = (id: string, t: string, story = id) => ({
    story,
    textHash: textHash('', t),
    sketch: sketchOf('', t),
  });

  it('finds an exact copy, a near copy (a paragraph changed) and no copy for another text', () => {
    const original = text.join(' ');
    const finder = createCopyFinder([['a', facts('a', original)]]);
    const exact = finder.find('b', textHash('', original.toUpperCase()), sketchOf('', original));
    expect(exact).toMatchObject({ kind: 'exact', of: 'a', story: 'a' });
    const changed = [...text.slice(0, 340), ...words(40, 8)].join(' ');
    expect(finder.find('c', textHash('', changed), sketchOf('', changed))).toMatchObject({
      kind: 'near',
      of: 'a',
      story: 'a',
    });
    const other = words(400, 9).join(' ');
    expect(finder.find('d', textHash('', other), sketchOf('', other))).toBeUndefined();
  });

  it('an article re-ingested is not its own copy, and a later copy joins the story of the first', () => {
    const t = text.join(' ');
    const finder = createCopyFinder([['a', facts('a', t)]]);
    expect(finder.find('a', textHash('', t), sketchOf('', t))).toBeUndefined();
    finder.add('b', facts('b', t, 'a'));
    const near = [...text.slice(0, 380), 'an', 'added', 'closing', 'line'].join(' ');
    expect(finder.find('c', textHash('', near), sketchOf('', near))?.story).toBe('a');
  });
});

function hit(articleId: string, passageId: number, score: number): Hit {
  return {
    rank: 1,
    passageId,
    articleId,
    title: `Title ${articleId}`,
    place: null,
    date: '2005-01-01',
    source: `Source ${articleId}`,
    collection: null,
    paragraph: 0,
    start: 0,
    end: 10,
    text: 'some text',
    highlights: [],
    score,
    relevance: 0.8,
    weak: false,
    scores: { dense: 0.5, denseRank: 1, bm25: 3, coverage: 0.5, lexicalRank: 2 },
  };
}

describe('collapse by story', () => {
  const member = (id: string, chars: number) => ({
    id,
    title: `Title ${id}`,
    source: `Source ${id}`,
    date: '2005-01-01',
    collection: null,
    url: null,
    chars,
  });
  // a and c are one story (c the fuller copy), b its own, d a copy of a never retrieved.
  const story: ArticleStory = {
    story: 'a',
    members: [member('a', 900), member('c', 1200), member('d', 800)],
  };
  const stories = new Map<string, ArticleStory>([
    ['a', story],
    ['c', story],
    ['b', { story: 'b', members: [member('b', 500)] }],
  ]);
  const hits = [hit('a', 1, 1), hit('b', 2, 0.9), hit('c', 3, 0.8), hit('a', 4, 0.7)];

  it("one card per story, at its best copy's place, led by the fullest copy, the others listed", () => {
    const cards = collapseStories(toCards(hits), stories);
    expect(cards.map((c) => [c.rank, c.articleId])).toEqual([
      [1, 'c'],
      [2, 'b'],
    ]);
    expect(cards[0]?.copies?.map((c) => c.id)).toEqual(['a', 'd']);
    expect(cards[0]?.copies?.[0]).toEqual({
      id: 'a',
      title: 'Title a',
      source: 'Source a',
      date: '2005-01-01',
      collection: null,
      url: null,
    });
    expect(cards[1]?.copies).toEqual([]);
  });

  it('an article with no story known stays a card of its own', () => {
    const cards = collapseStories(toCards([hit('x', 9, 1), ...hits]), stories);
    expect(cards.map((c) => c.articleId)).toEqual(['x', 'c', 'b']);
  });
});
