/**
 * What a card shows and which card comes first: sentences of the whole article, words weighted
 * by their rarity in the index, a topic's opening, a date for "when", and the answering card
 * ahead among the first few that match.
 */
import { describe, expect, it } from 'vitest';
import { matchStems, parseQuery, stemMatches } from '../../src/analysis/index.js';
import { sentenceSpans } from '../../src/chunk/index.js';
import type { Hit, SearchResponse } from '../../src/index.js';
import {
  answerForm,
  asksName,
  asksWhen,
  isTopic,
  LEDE_BONUS,
  scoreArticleSentences,
  scoreSentences,
  TOPIC_LEDE_BONUS,
  withoutFormWords,
} from '../../src/results/answer-sentences.js';
import {
  answerPage,
  cardSnippets,
  LEAD_RELEVANCE,
  LEAD_SLACK,
  pageOf,
  type Snippet,
} from '../../src/results/index.js';
import { coverageGroups, sentencesOf, wordWeights } from '../../src/search/index.js';

function hit(overrides: Partial<Hit>): Hit {
  return {
    rank: 1,
    passageId: 1,
    articleId: 'a',
    title: '',
    place: null,
    date: '2005-03-01',
    source: 'BBC',
    collection: null,
    paragraph: 0,
    start: 0,
    end: 10,
    text: '',
    highlights: [],
    score: 1,
    relevance: 0.8,
    weak: false,
    scores: { dense: 0.5, denseRank: 1, bm25: 3, coverage: 0.5, lexicalRank: 2 },
    ...overrides,
  };
}

const whole = (text: string) => ({ text, paragraphs: [{ start: 0, end: text.length }] });

describe('word weights from the index', () => {
  const query = parseQuery('why are film studios going after bittorrent websites');
  const groups = coverageGroups(query);
  // Among the candidates "going" is rare (one of them), in the index it is everywhere.
  const candidates = [
    'Studios sue BitTorrent websites.',
    'Film studios and BitTorrent.',
    'He is going home.',
  ];
  const weight = (w: ReturnType<typeof wordWeights>, stem: string) =>
    w.weights[w.groups.findIndex((g) => g.includes(stem))] ?? 0;

  it('a word common in the index counts less than a rare one, whatever the candidates hold', () => {
    const counts = groups.map((g) => (g.includes('go') ? 5000 : 40));
    const w = wordWeights(query, candidates, { passages: 10_000, counts });
    expect(weight(w, 'go')).toBeLessThan(weight(w, 'bittorr') / 3);
    // Without the index's counts, the candidates make "going" the rarest word.
    const local = wordWeights(query, candidates);
    expect(weight(local, 'go')).toBeGreaterThan(weight(local, 'bittorr'));
  });

  it('a word the index cannot count keeps its weight among the candidates', () => {
    const counts = groups.map((g) => (g.includes('go') ? null : 40));
    const w = wordWeights(query, candidates, { passages: 10_000, counts });
    expect(weight(w, 'go')).toBeCloseTo(weight(wordWeights(query, candidates), 'go'), 10);
  });

  it('the candidates are not read when the index counts every word', () => {
    let read = 0;
    const watched = new Proxy([...candidates], {
      get(target, key, receiver) {
        if (key === Symbol.iterator || (typeof key === 'string' && /^\d+$/.test(key))) read++;
        return Reflect.get(target, key, receiver);
      },
    });
    const counts = groups.map(() => 40);
    const w = wordWeights(query, watched, { passages: 10_000, counts });
    expect(read).toBe(0);
    expect(w.weights).toEqual(wordWeights(query, candidates, { passages: 10_000, counts }).weights);
    wordWeights(query, watched, { passages: 10_000, counts: counts.map((c, k) => (k === 0 ? null : c)) });
    expect(read).toBeGreaterThan(0);
  });
});

describe('sentences of the whole article', () => {
  const article =
    'Kilroy-Silk quits UKIP Robert Kilroy-Silk has left the party. ' +
    'He refused to say more. He is setting up a new political party called Veritas. ' +
    'Kilroy-Silk said the UKIP leadership had let voters down.';
  const query = parseQuery("what is kilroy-silk's new party called");

  it("a card's two snippets never show the same words twice", () => {
    const text =
      'Kilroy-Silk quits UKIP Robert Kilroy-Silk has left the party after a long and bitter row. ' +
      'The MEP said he was ashamed to have joined the party, which he labelled a joke in public. ' +
      'Its leader said the members had been patient with him for far longer than most would be. ' +
      'He is setting up a new political party called Veritas, the Latin for truth, next month. ' +
      'The launch is planned for London, with candidates to be named in the weeks that follow.';
    const own = [hit({ start: 0, end: text.length, text })];
    const { snippets } = cardSnippets(
      own,
      query,
      wordWeights(query, [text]),
      whole(text),
      answerForm("what is kilroy-silk's new party called"),
    );
    expect(snippets).toHaveLength(2);
    const [a, b] = snippets as [Snippet, Snippet];
    expect(a.text).toContain('called Veritas');
    expect(b.text).toContain('Kilroy-Silk quits UKIP');
    // Cropped around their sentences, the two would share the sentences between them.
    expect(a.start >= b.end || b.start >= a.end).toBe(true);
    // Stopped at a sentence's end, it is not marked as cut.
    expect(b.text).toMatch(/\.$/);
  });

  it('a card shows the answering sentence even where no retrieved passage holds it', () => {
    const last = article.indexOf('Kilroy-Silk said');
    const own = [hit({ start: last, end: article.length, text: article.slice(last), passageId: 7 })];
    const groups = coverageGroups(query);
    const counts = groups.map((g) => (g.some((s) => s === 'kilroi' || s === 'silk') ? 3 : 900));
    const w = wordWeights(query, [article], { passages: 10_000, counts });
    // Rare words of the index (the name) would pick the name's sentences; the answer holds
    // "new", "party" and "called", common words that still tell the sentences apart here.
    const { snippets } = cardSnippets(
      own,
      query,
      wordWeights(
        query,
        own.map((h) => h.text),
      ),
      whole(article),
    );
    expect(snippets[0]?.text).toContain('called Veritas');
    // Its offsets are the article's, and it links to the hit that holds it, else the best.
    expect(article.slice(snippets[0]?.start, snippets[0]?.end)).toContain('called Veritas');
    expect(snippets[0]?.passageId).toBe(7);
    expect(w.weights.length).toBe(groups.length);
  });

  it('a topic opens on its story, and "when" prefers the sentence with a date', () => {
    expect(isTopic('worldcom fraud trial')).toBe(true);
    expect(isTopic('who won the carling cup final')).toBe(false);
    expect(asksWhen('when did the nintendo ds come out in europe')).toBe(true);
    const text =
      'Games news. The Nintendo DS will launch in Europe soon. The Nintendo DS goes on sale in Europe on 11 March.';
    const q = parseQuery('when did the nintendo ds come out in europe');
    const w = wordWeights(q, [text]);
    const best = (when: boolean) =>
      [
        ...scoreArticleSentences(
          text,
          [{ start: 0, end: text.length }],
          w,
          when ? answerForm('when did the nintendo ds come out in europe') : undefined,
        ),
      ].sort((a, b) => b.score - a.score)[0];
    expect(text.slice(best(true)?.start, best(true)?.end)).toContain('11 March');
    expect(text.slice(best(false)?.start, best(false)?.end)).toContain('soon');
    const story =
      'WorldCom trial starts The trial of Bernie Ebbers began. Mr Ebbers is on trial for fraud at WorldCom.';
    const t = parseQuery('worldcom fraud trial');
    const opening = (lede: number) =>
      [
        ...scoreArticleSentences(
          story,
          [{ start: 0, end: story.length }],
          wordWeights(t, [story]),
          undefined,
          lede,
        ),
      ].sort((a, b) => b.score - a.score)[0]?.start;
    expect(opening(TOPIC_LEDE_BONUS)).toBe(0);
    expect(opening(LEDE_BONUS)).toBeGreaterThan(0);
  });
});

describe('a question that asks what something is called', () => {
  it('is told by its form, and leads with the sentence that gives the name', () => {
    const question = "what is kilroy-silk's new party called";
    expect(asksName(question)).toBe(true);
    expect(asksName('what did the party call for?')).toBe(false);
    expect(asksName('who called the election')).toBe(false);
    const text =
      'Kilroy-Silk quits UKIP Robert Kilroy-Silk has quit the party. ' +
      'A spokesman for UKIP called on him to resign his seat. ' +
      'He refused to confirm he is setting up a new political party called Veritas.';
    const q = parseQuery(question);
    const w = wordWeights(q, [text, 'Kilroy-Silk spoke.', 'A party.', 'A new call.']);
    const best = (form: ReturnType<typeof answerForm>) => {
      const top = [...scoreArticleSentences(text, [], withoutFormWords(w, form), form)].sort(
        (a, b) => b.score - a.score,
      )[0];
      return text.slice(top?.start, top?.end);
    };
    // Without the form the lede, which names Kilroy-Silk, wins; with it, the name given.
    expect(best(undefined)).toContain('has quit the party');
    expect(best(answerForm(question))).toContain('called Veritas');
    // "called" asks for the form: it weighs nothing, so "called on him" gains nothing from it.
    const dropped = withoutFormWords(w, answerForm(question));
    const k = dropped.groups.findIndex((g) => g.includes('call'));
    expect(dropped.weights[k]).toBe(0);
    expect(w.weights[k]).toBeGreaterThan(0);
  });
});

describe('the card that answers leads', () => {
  const query = parseQuery('who won best actress at the oscars');
  const texts: Record<string, string> = {
    bafta: 'Vera Drake and The Aviator shared the Bafta honours; Imelda Staunton was named best actress.',
    oscar: 'Hilary Swank won best actress at the Oscars for Million Dollar Baby.',
    weak: 'Who won best actress at the Oscars? Readers guessed who won best actress at the Oscars.',
  };
  const response = (relevance: Record<string, number>): SearchResponse => ({
    query: 'who won best actress at the oscars',
    mode: 'hybrid',
    k: 100,
    generation: 1,
    match: 'good',
    queryTruncated: false,
    hits: ['bafta', 'weak', 'oscar'].map((id, i) =>
      hit({
        articleId: id,
        passageId: i + 1,
        text: texts[id] as string,
        end: (texts[id] as string).length,
        score: 1 - i / 10,
        relevance: relevance[id] ?? 0.8,
        weak: (relevance[id] ?? 0.8) < 0.5,
      }),
    ),
    timings: { embedMs: 0, denseMs: 0, lexicalMs: 0, fusionMs: 0, totalMs: 0 },
  });
  const order = (r: SearchResponse, offset = 0) => {
    const page = pageOf(r, query, { limit: 3, offset: 0 });
    if (offset) page.offset = offset;
    const articles = new Map(Object.entries(texts).map(([id, t]) => [id, whole(t)]));
    return answerPage(
      page,
      query,
      r.hits.map((h) => h.text),
      articles,
    ).cards.map((c) => [c.rank, c.articleId]);
  };

  it('among the first cards that match, the one whose sentence answers comes first', () => {
    expect(order(response({ weak: LEAD_RELEVANCE - 0.05 }))).toEqual([
      [1, 'oscar'],
      [2, 'weak'],
      [3, 'bafta'],
    ]);
  });

  it('a card below the lead relevance keeps its place, however many question words it holds', () => {
    const cards = order(response({ weak: LEAD_RELEVANCE - 0.05, oscar: LEAD_RELEVANCE - 0.05 }));
    expect(cards.map((c) => c[1])).toEqual(['bafta', 'weak', 'oscar']);
  });

  it('a card far less relevant than the first keeps its place, even above the floor', () => {
    const first = LEAD_RELEVANCE + LEAD_SLACK + 0.3;
    const cards = order(response({ bafta: first, weak: 0.1, oscar: first - LEAD_SLACK - 0.05 }));
    expect(cards.map((c) => c[1])).toEqual(['bafta', 'weak', 'oscar']);
    const near = order(response({ bafta: first, weak: 0.1, oscar: first - LEAD_SLACK + 0.05 }));
    expect(near.map((c) => c[1])).toEqual(['oscar', 'weak', 'bafta']);
  });

  it('the label speaks for the card that leads, not for the one the engine put first', () => {
    const r = response({ weak: LEAD_RELEVANCE - 0.05 });
    // The engine's first card (a Bafta story) was not a match; the Oscar story leads for its answer.
    r.match = 'none';
    for (const h of r.hits) {
      if (h.articleId === 'oscar') h.scores = { ...h.scores, dense: 0.7, coverage: 1 };
    }
    const page = pageOf(r, query, { limit: 3, offset: 0 });
    const articles = new Map(Object.entries(texts).map(([id, t]) => [id, whole(t)]));
    const shown = answerPage(page, query, [], articles);
    expect(shown.cards[0]?.articleId).toBe('oscar');
    expect(shown.match).toBe('good');
    expect(shown.cards[0]?.weak).toBe(false);
  });

  it('a later page keeps the engine order', () => {
    const page = pageOf(response({}), query, { limit: 3, offset: 0, sort: 'date' });
    const articles = new Map(Object.entries(texts).map(([id, t]) => [id, whole(t)]));
    const sorted = answerPage(page, query, [], articles).cards.map((c) => c.articleId);
    expect(sorted).toEqual(page.cards.map((c) => c.articleId));
  });
});

describe('sentences segmented once', () => {
  const query = parseQuery('who founded Veritas');
  const w = wordWeights(query, []);
  const text =
    'Kilroy-Silk quits UKIP. He is setting up a new party called Veritas. Dr. Smith said so on 3 Feb. It was cold.';

  it('a text segmented again gives the same sentences, from memory', () => {
    const first = sentencesOf(text);
    expect(first).toEqual(sentenceSpans(text));
    expect(sentencesOf(text)).toBe(first);
    expect(sentencesOf(text, 24, 70)).toEqual(sentenceSpans(text, 24, 70));
  });

  it('the answering sentences are the scored ones that hold a word of the question', () => {
    const all = scoreSentences(text, w, true);
    expect(scoreSentences(text, w, true, true)).toEqual(all.filter((s) => s.share > 0));
    expect(scoreSentences('Nothing here at all. Still nothing.', w, true, true)).toEqual([]);
    const paragraphs = [
      { start: 0, end: 24 },
      { start: 24, end: text.length },
    ];
    const form = answerForm('when did it happen');
    expect(scoreArticleSentences(text, paragraphs, w, form, LEDE_BONUS, true)).toEqual(
      scoreArticleSentences(text, paragraphs, w, form).filter((s) => s.share > 0),
    );
  });
});

describe("the question's stems matched once per text", () => {
  it('word weights look for the same stems as the highlighter, in the same set', () => {
    for (const q of [
      'why are film studios going after "BitTorrent websites"',
      'defence of the realm -colour',
    ]) {
      const query = parseQuery(q);
      const w = wordWeights(query, []);
      expect(new Set(coverageGroups(query).flat())).toEqual(new Set(w.stems));
      expect(w.stems).toBe(matchStems(query));
    }
  });

  it('a text searched again for the same stems gives the same matches, from memory', () => {
    const stems = matchStems(parseQuery('film studios'));
    const text = 'Film studios sue. The studio said films are studied.';
    const first = stemMatches(text, stems);
    expect(stemMatches(text, stems)).toBe(first);
    expect(stemMatches(text, new Set(stems))).toEqual(first);
    expect(first.map((m) => text.slice(m.start, m.end))).toEqual(['Film', 'studios', 'studio', 'films']);
  });
});
