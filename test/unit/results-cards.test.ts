/** Cards and snippets: grouping by article, cropping around the best sentence, emphasis offsets. */
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/analysis/index.js';
import type { Hit, SearchResponse } from '../../src/index.js';
import { scoreSentences } from '../../src/results/answer-sentences.js';
import {
  cardSnippets,
  emphasisOf,
  resultsPage,
  SNIPPET_MAX_CHARS,
  snippetOf,
  toCards,
} from '../../src/results/index.js';
import { wordWeights } from '../../src/search/index.js';

const LONG =
  'The weather was mild and the markets were calm during the long weekend in the capital city. ' +
  'Officials met to discuss budgets, roads, and schools without reaching any decision on the matter. ' +
  'Later, the prime minister said the Kuril Islands dispute could be settled by a peace treaty with Russia. ' +
  'Analysts doubted that quickly, pointing to decades of stalled talks and public opinion in both countries.';

function hit(overrides: Partial<Hit>): Hit {
  return {
    rank: 1,
    passageId: 1,
    articleId: 'a',
    title: 'Title A',
    place: 'TOKYO',
    date: '2018-01-22',
    source: 'TASS',
    collection: null,
    paragraph: 0,
    start: 100,
    end: 100 + LONG.length,
    text: LONG,
    highlights: [],
    score: 1,
    relevance: 0.8,
    weak: false,
    scores: { dense: 0.5, denseRank: 1, bm25: 3, coverage: 0.5, lexicalRank: 2 },
    ...overrides,
  };
}

describe('snippets', () => {
  it('crop about two lines around the sentence with the most query words, and mark those words', () => {
    const sentence = LONG.indexOf('Later,');
    const end = LONG.indexOf('Analysts');
    const h = hit({
      highlights: [
        { start: 100, end: 100 + 90 },
        { start: 100 + sentence, end: 100 + end },
      ],
    });
    const s = snippetOf(h, parseQuery('Kuril islands peace treaty'));
    expect(s.text.length).toBeLessThanOrEqual(SNIPPET_MAX_CHARS + 2);
    expect(s.text).toContain('Kuril Islands dispute could be settled by a peace treaty with Russia');
    expect(s.text.startsWith('…')).toBe(true);
    const marked = s.emphasis.map((e) => s.text.slice(e.start, e.end));
    expect(marked).toEqual(['Kuril Islands', 'peace treaty']);
    // The snippet's article offsets cover text that really is there.
    expect(LONG.slice(s.start - 100, s.end - 100).replace(/\s+/g, ' ')).toContain('peace treaty');
  });

  it('lead with the whole sentence before the answer when it fits, else with the end of it', () => {
    const sentence = LONG.indexOf('Later,');
    const focus = { start: sentence, end: LONG.indexOf('Analysts') - 1 };
    // The room left (240 less the sentence) holds the sentence before it whole.
    const wide = snippetOf(hit({}), parseQuery('Kuril peace treaty'), SNIPPET_MAX_CHARS, focus);
    expect(wide.text.startsWith('…Officials met to discuss budgets')).toBe(true);
    expect(wide.text).toContain('peace treaty with Russia. Analysts');
    // In 150 characters it does not fit: the last quarter of the room, from a word's start.
    const narrow = snippetOf(hit({}), parseQuery('Kuril peace treaty'), 150, focus);
    expect(narrow.text).toMatch(/^…matter\. Later, the prime minister/);
  });

  it('a possessive in the question marks no clitic of the text, and U.S. stays marked', () => {
    const text = "It’s the country’s plan, the U.S. said; Japan's defense";
    expect(
      emphasisOf(text, parseQuery("Japan's defence plans in the U.S.")).map((e) =>
        text.slice(e.start, e.end),
      ),
    ).toEqual(['plan', 'U', 'S', 'Japan', 'defense']);
  });

  it('neighbouring query words are one emphasis ("Kim Jong-un")', () => {
    const text = 'ready for direct contacts with Kim Jong-un, the premier said';
    expect(emphasisOf(text, parseQuery('meet Kim Jong-un?')).map((e) => text.slice(e.start, e.end))).toEqual([
      'Kim Jong-un',
    ]);
  });
});

describe('answer sentences', () => {
  const text =
    'Oracle said on Friday that it had finished its takeover of PeopleSoft. ' +
    'The firm is cutting about 5,000 jobs, around 9% of the staff. ' +
    'Oracle shares rose in New York.';
  // Candidate passages: every one names Oracle, few mention jobs.
  const candidates = [
    text,
    'Oracle profits rose.',
    'Oracle and SAP compete.',
    'Oracle bid for PeopleSoft.',
    'Oracle founder Larry Ellison.',
  ];
  const query = parseQuery('how many jobs is oracle cutting after the peoplesoft takeover');

  it('a word every candidate holds counts less than a rare one', () => {
    const w = wordWeights(query, candidates);
    const weight = (word: string) => w.weights[w.groups.findIndex((g) => g.includes(word))] ?? 0;
    expect(weight('oracl')).toBeLessThan(weight('job'));
    const scored = scoreSentences(text, w, false);
    const best = [...scored].sort((a, b) => b.score - a.score)[0];
    expect(text.slice(best?.start, best?.end)).toContain('5,000 jobs');
  });

  it('a card leads with the answering sentence, and a second snippet only where it shows more', () => {
    const answerHit = hit({ text, start: 0, end: text.length, highlights: [] });
    const { snippets } = cardSnippets([answerHit], query, wordWeights(query, candidates));
    // The whole passage fits one snippet, so there is no second.
    expect(snippets).toHaveLength(1);
    expect(snippets[0]?.text).toContain('5,000 jobs');
  });
});

describe('cards', () => {
  const hits = [
    hit({ passageId: 1, articleId: 'a', score: 1, collection: 'news' }),
    hit({ passageId: 2, articleId: 'b', title: 'Title B', score: 0.9, date: '2019-05-01' }),
    // A later passage of article a (two passages of one article never share offsets).
    hit({ passageId: 3, articleId: 'a', score: 0.8, collection: 'news', start: 500, end: 500 + LONG.length }),
    hit({ passageId: 4, articleId: 'c', title: 'Title C', score: 0.5, weak: true, place: null }),
  ];

  it('one card per article in order of its best passage, scores only with explain', () => {
    const cards = toCards(hits);
    expect(cards.map((c) => [c.rank, c.articleId, c.collection])).toEqual([
      [1, 'a', 'news'],
      [2, 'b', null],
      [3, 'c', null],
    ]);
    expect(cards[0]?.link).toEqual({ articleId: 'a', passageId: 1 });
    expect(cards[0]?.meta).toBe('TOKYO · January 22, 2018 · TASS · news');
    expect(cards[2]?.meta).toBe('January 22, 2018 · TASS');
    expect(cards[2]?.weak).toBe(true);
    expect(cards[0]?.explain).toBeUndefined();
    const explained = toCards(hits, true);
    expect(explained[0]?.explain?.passages.map((p) => p.passageId)).toEqual([1, 3]);
    expect(explained[0]?.explain?.passages[0]?.lexicalRank).toBe(2);
  });

  it('a page: at most two snippets a card, only the page highlighted, facets over every card', () => {
    const response: SearchResponse = {
      query: 'Kuril treaty',
      mode: 'hybrid',
      k: 100,
      generation: 3,
      match: 'good',
      queryTruncated: false,
      hits,
      timings: { embedMs: 0, denseMs: 0, lexicalMs: 0, fusionMs: 0, totalMs: 0 },
    };
    const query = parseQuery('Kuril treaty');
    const page = resultsPage(response, query, { limit: 2, facets: ['source', 'year', 'collection'] });
    expect(page.cards.map((c) => [c.rank, c.articleId, c.snippets.length])).toEqual([
      [1, 'a', 2],
      [2, 'b', 1],
    ]);
    expect(page.hits.map((h) => h.passageId)).toEqual([1, 2, 3]);
    expect(page.hits.every((h) => h.highlights.length > 0)).toBe(true);
    expect(page.total).toBe(3);
    expect(page.facets?.year).toEqual([
      { value: '2018', count: 2 },
      { value: '2019', count: 1 },
    ]);
    expect(page.facets?.collection).toEqual([{ value: 'news', count: 1 }]);
    const byDate = resultsPage(response, query, { offset: 1, limit: 1, sort: 'date' });
    expect(byDate.cards.map((c) => [c.rank, c.articleId])).toEqual([[2, 'a']]);
    expect(() => resultsPage(response, query, { offset: 45, limit: 10 })).toThrow(
      /paged through the first 50/,
    );
  });
});
