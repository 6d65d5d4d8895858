/**
 * The page's first screen and result parts, rendered to HTML: the archive (collections with
 * counts and their last change, date range, a timeline whose bars narrow the date filter, the
 * newest articles, the most quoted people, example questions), an h1 on every page, the
 * collection in the filter form, Next at the end of the results window, and the article view
 * marking the question's words rather than the whole passage.
 */
import { describe, expect, it } from 'vitest';
import type { StoredArticle } from '../../src/index.js';
import type { ResultsResponse } from '../../src/results/index.js';
import {
  exampleQuestions,
  headlineQuery,
  isFullName,
  lowerCaseWords,
  mostQuoted,
  timelineBars,
  topicWord,
} from '../../src/results/index.js';
import { ArticlePage } from '../../src/serve/http/page/article-view.js';
import { Results } from '../../src/serve/http/page/components.js';
import { readForm } from '../../src/serve/http/page/form.js';
import { Home } from '../../src/serve/http/page/home.js';
import type { HomeData } from '../../src/serve/http/page/home-data.js';
import { originalUrl } from '../../src/serve/http/page/original-link.js';
import { Pager } from '../../src/serve/http/page/pager.js';
import { SearchPage } from '../../src/serve/http/page/search-page.js';
import type { Statement } from '../../src/statements/index.js';

const said = (speaker: string, text: string): Statement => ({
  speaker,
  speakerAsWritten: speaker,
  speakerRoles: [],
  text,
  kind: 'direct',
  cue: 'said',
  start: 0,
  end: text.length,
  paragraph: 0,
});

const HOUR_AGO = new Date(Date.now() - 3_600_000).toISOString();

const DATA: HomeData = {
  articles: 42,
  dateFrom: '2019-01-03',
  dateTo: '2019-03-30',
  undated: 2,
  timeline: timelineBars([
    { month: '2019-01', articles: 10 },
    { month: '2019-03', articles: 30 },
  ]),
  collections: [{ name: 'wire', articles: 40, updatedAt: HOUR_AGO }],
  live: [
    {
      kind: 'feed',
      location: 'https://example.org/feed.xml',
      collection: 'wire',
      lastCheck: HOUR_AGO,
      lastChange: HOUR_AGO,
      errors: 0,
      lastError: null,
      articles: 40,
    },
  ],
  newest: [
    {
      id: 'wire/ferry',
      title: 'Ferry strike ends',
      collection: 'wire',
      date: '2019-03-30',
      source: 'AP',
      sourcePath: null,
      passageCount: 2,
      updatedAt: HOUR_AGO,
      story: 'wire/ferry',
    },
    {
      id: 'wire/untitled',
      title: '',
      collection: 'wire',
      date: null,
      source: null,
      sourcePath: null,
      passageCount: 1,
      updatedAt: HOUR_AGO,
      story: 'wire/untitled',
      derived: 'Council budget approved after a long night…',
    },
  ],
  quoted: [{ speaker: 'Anna Berg', articles: 3, statements: 5, sample: 'The Harbour Board agreed.' }],
  examples: ['What did Anna Berg say about Harbour Board?', 'Ferry strike ends'],
};

const render = (node: unknown) => String(node);

describe('the archive, worked out', () => {
  it('bars per month with the empty months between; per year over a long span or with year-only dates', () => {
    expect(
      timelineBars([
        { month: '2019-11', articles: 2 },
        { month: '2020-02', articles: 5 },
      ]),
    ).toEqual([
      { period: '2019-11', articles: 2 },
      { period: '2019-12', articles: 0 },
      { period: '2020-01', articles: 0 },
      { period: '2020-02', articles: 5 },
    ]);
    expect(
      timelineBars([
        { month: '2017', articles: 1 },
        { month: '2019-05', articles: 2 },
        { month: '2019-07', articles: 3 },
      ]),
    ).toEqual([
      { period: '2017', articles: 1 },
      { period: '2018', articles: 0 },
      { period: '2019', articles: 5 },
    ]);
    expect(
      timelineBars([
        { month: '2001-01', articles: 1 },
        { month: '2010-01', articles: 1 },
      ]),
    ).toHaveLength(10);
    expect(timelineBars([])).toEqual([]);
  });

  it('counts the people quoted, by articles then statements, leaving out what is no full name', () => {
    const people = mostQuoted([
      {
        statements: [
          said('Anna Berg', 'The Harbour Board agreed'),
          said('Anna Berg', 'We will see'),
          said('he', 'x'),
        ],
      },
      { statements: [said('Anna Berg', 'Later words'), said('Tom Lee', 'One')] },
      { statements: [said('Tom Lee', 'Two'), said('Tom Lee', 'Three'), said('Reuters', 'Wire words')] },
    ]);
    expect(people.map((p) => [p.speaker, p.articles, p.statements])).toEqual([
      ['Anna Berg', 2, 3],
      ['Tom Lee', 2, 3],
    ]);
    // Words from the first (newest) article that quotes them.
    expect(people[0]?.sample).toBe('The Harbour Board agreed. We will see.');
  });

  it('takes for a person only what reads as a full name in its article', () => {
    const text = lowerCaseWords('The air force flew tonight. Anna Berg and Sean O’Brien spoke.');
    expect(isFullName('Anna Berg', text)).toBe(true);
    expect(isFullName('Sean O’Brien', text)).toBe(true);
    expect(isFullName('Ludwig van Beethoven', text)).toBe(true);
    for (const not of ['Air Force', 'Tonight I’m', "Nothing I'm", 'Berg', 'Reuters', 'A B C D E'])
      expect(isFullName(not, text), not).toBe(false);
  });

  it('asks about a name in what they said, else a long uncommon word of it', () => {
    expect(topicWord('We met the Harbour Board and the mayor.', 'Anna Berg')).toBe('Harbour Board');
    expect(topicWord('Berg said nothing new.', 'Anna Berg')).toBeUndefined();
    expect(topicWord('the referendum is not a priority', 'Anna Berg')).toBe('referendum');
    // A thing to ask about, not how they felt or acted.
    expect(topicWord('we will not be distracted from the economy', 'Gordon Brown')).toBe('economy');
    expect(topicWord('he was increasingly disappointed and exhausted', 'Gordon Brown')).toBeUndefined();
    // Not a contraction, an adjective of nationality, or a name cut before its possessive.
    expect(topicWord("Let's be clear: the British economy is strong.", 'Gordon Brown')).toBe('economy');
    expect(topicWord("He said Michael Howard's plans would cost jobs.", 'Charles Kennedy')).toBe(
      'Michael Howard',
    );
    expect(topicWord('Fares on British Airways will rise.', 'Anna Berg')).toBe('British Airways');
    expect(headlineQuery('Japanese PM says Tokyo will pursue peace treaty, cooperation')).toBe(
      'Japanese PM says Tokyo will pursue peace treaty',
    );
    expect(headlineQuery('Budget')).toBeUndefined();
    expect(
      exampleQuestions(mostQuoted([{ statements: [said('Anna Berg', 'We met the Harbour Board')] }]), [
        'Ferry strike ends after talks',
        'Hi',
      ]),
    ).toEqual(['What did Anna Berg say about Harbour Board?', 'Ferry strike ends after talks']);
  });
});

describe('the first screen', () => {
  const html = render(<Home data={DATA} form={readForm({})} />);

  it('has an h1, the count and date range, and example questions that link to a search', () => {
    expect(html).toMatch(/<h1 id="home-title">Search 42 articles<\/h1>/);
    expect(html).toContain('42 articles, dated 2019-01-03 to 2019-03-30 (2 without a full date).');
    expect(html).toContain('href="/?q=What+did+Anna+Berg+say+about+Harbour+Board%3F"');
    expect(html).toContain('href="/?q=Ferry+strike+ends"');
  });

  it('lists collections with counts and their last change, and the live sources', () => {
    expect(html).toContain('<a href="/?collection=wire">wire</a>');
    expect(html).toContain('40 articles · updated 1 hour ago');
    expect(html).toContain('https://example.org/feed.xml');
    expect(html).toMatch(/feed → wire · last change\s*1 hour ago/);
  });

  it('draws a timeline whose bars set the date filter, the chosen one marked', () => {
    expect(html).toContain('href="/?dateFrom=2019-02&amp;dateTo=2019-02"');
    expect(html).toContain('class="bar h0"');
    expect(html).toContain('class="bar h10"');
    expect(html).toContain('2019-01: 10 articles');
    const narrowed = render(<Home data={DATA} form={readForm({ dateFrom: '2019-03', dateTo: '2019-03' })} />);
    expect(narrowed).toMatch(/class="tick current" aria-current="true"[^>]*title="2019-03: 30 articles"/);
    expect(narrowed).toContain('Newest from 2019-03 to 2019-03');
  });

  it('lists the newest articles (an untitled one by its first words, marked) and the most quoted', () => {
    expect(html).toContain('<a href="/articles/wire%2Fferry">Ferry strike ends</a>');
    expect(html).toContain('March 30, 2019 · AP · wire');
    expect(html).toMatch(/class="derived"[^>]*>\s*Council budget approved after a long night…/);
    expect(html).toContain('<a href="/?q=Anna+Berg">Anna Berg</a>');
    expect(html).toContain('5 statements in 3 articles');
    expect(html).toContain('Across all 42 articles.');
  });

  it('says what to do with an empty index', () => {
    const empty = render(<Home data={{ ...DATA, articles: 0 }} form={readForm({})} />);
    expect(empty).toContain('<h1>Search the articles</h1>');
    expect(empty).toContain('<code>semsearch ingest FOLDER</code>');
  });
});

const response = (offset: number, cards: number, total: number): ResultsResponse =>
  ({
    query: 'harbour',
    offset,
    limit: 10,
    sort: 'relevance',
    total,
    totalIsEstimate: false,
    match: 'good',
    cards: Array.from({ length: cards }, (_, i) => ({ rank: offset + i + 1 })),
  }) as unknown as ResultsResponse;

describe('results', () => {
  it('a page with a question has an h1, and the form offers the collections', () => {
    const page = render(
      <SearchPage
        form={readForm({ q: 'harbour', collection: 'wire' })}
        response={undefined}
        error={undefined}
        home={DATA}
      />,
    );
    expect(page).toContain('<h1 class="visually-hidden">Results for “harbour”</h1>');
    expect(page).toMatch(
      /<select name="collection"><option value="">All collections<\/option><option value="wire" selected="">wire<\/option>/,
    );
    // The filters are open when a collection is chosen.
    expect(page).toMatch(/<details class="filters" open="">/);
    const first = render(
      <SearchPage form={readForm({})} response={undefined} error={undefined} home={DATA} />,
    );
    expect(first.match(/<h1/g)).toHaveLength(1);
    expect(first).not.toContain('Type a question to search');
  });

  it('Next stops at the results window and says how to see others, instead of repeating the last page', () => {
    const form = readForm({ q: 'harbour', offset: '40' });
    expect(form.offset).toBe(40);
    const last = render(<Pager form={form} response={response(40, 10, 80)} />);
    expect(last).not.toContain('rel="next"');
    expect(last).toContain('These are the best 50 articles for this question');
    expect(last).toContain('href="/?q=harbour&amp;offset=30"');
    const middle = render(
      <Pager form={readForm({ q: 'harbour', offset: '10' })} response={response(10, 10, 80)} />,
    );
    expect(middle).toContain('href="/?q=harbour&amp;offset=20" rel="next"');
    expect(render(<Pager form={readForm({ q: 'harbour' })} response={response(0, 5, 5)} />)).toBe('');
  });

  it('a results fragment carries its h1 and no first screen', () => {
    const fragment = render(
      <Results
        form={readForm({ q: 'harbour' })}
        response={response(0, 0, 0)}
        error={undefined}
        home={DATA}
      />,
    );
    expect(fragment).toContain('Results for “harbour”');
    expect(fragment).not.toContain('home-title');
  });
});

describe('the article view', () => {
  const text = 'The harbour froze over. Ships waited outside the harbour for a week.';
  const article = {
    id: 'wire/ferry',
    title: 'Harbour frozen',
    text,
    paragraphs: [{ index: 0, start: 0, end: text.length }],
    place: null,
    date: '2019-03-30',
    source: 'AP',
    sourcePath: null,
    collection: 'wire',
    contentHash: 'x',
    metadata: { link: 'https://example.org/ferry' },
    passageCount: 1,
    updatedAt: HOUR_AGO,
  } as StoredArticle;

  it('sets off the matched passage and marks only the words of the question', () => {
    const html = render(
      <ArticlePage
        article={article}
        spans={[{ start: 24, end: text.length, primary: true }]}
        q="harbour ships"
        back="/"
      />,
    );
    const marks = [...html.matchAll(/<mark>([^<]*)<\/mark>/g)].map((m) => m[1]);
    expect(marks).toEqual(['Ships', 'harbour']);
    expect(html).toMatch(/<span id="hit" class="match primary match-start" data-match="1" tabindex="-1">/);
    // The first sentence is outside the passage: its "harbour" is not marked.
    expect(html).toMatch(/<p>The harbour froze over\. <span/);
  });

  it('links the original article from its metadata, only for a web address', () => {
    const html = render(<ArticlePage article={article} spans={[]} q="" back="/" />);
    expect(html).toContain(
      '<a class="original" href="https://example.org/ferry" rel="noopener noreferrer external">',
    );
    expect(originalUrl({ url: 'http://example.org/a' })).toBe('http://example.org/a');
    expect(originalUrl({ link: 'javascript:alert(1)' })).toBeUndefined();
    expect(originalUrl({ link: 42 })).toBeUndefined();
    expect(originalUrl({})).toBeUndefined();
  });
});
