/**
 * Word coverage (a feature of the calibrated relevance) and the query-word matches behind
 * highlights and snippet emphasis skip stemming words whose first letter no wanted stem has;
 * they must give exactly what stemming every word of the text gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchStems, parseQuery, stem, stemMatches, tokenize } from '../../src/analysis/index.js';
import { termCoverage } from '../../src/search/relevance.js';

/** The straightforward definition: every word of the text stemmed. */
function reference(query: string, text: string): number {
  const parsed = parseQuery(query);
  const distinct = [...new Set([...parsed.words, ...parsed.phrases.flat()])];
  if (distinct.length === 0) return 0;
  const present = new Set(tokenize(text).map((t) => stem(t.word)));
  const found = distinct.filter((w) =>
    [...matchStems({ words: [w], phrases: [], excluded: [], plain: w })].some((s) => present.has(s)),
  );
  return found.length / distinct.length;
}

const VOCABULARY = (
  'relate related relating relational happy happiness happily sky skies yield yielding Kuril Kurils ' +
  'defence defense organise organized colour colors centre center U.S. ies y Über über ÉTAT état ' +
  'generalization generalize cats cat running runs ran agreed agreement Abe abe said say ' +
  'the of and 1956 2019 x-ray X Ray ponies pony caresses cares İstanbul istanbul 𝒳ray ray𝒳 Σίσυφος σίσυφος'
).split(' ');

const words = fc.array(fc.constantFrom(...VOCABULARY), { minLength: 0, maxLength: 30 });
const join = (ws: readonly string[], seps: readonly string[]) =>
  ws.map((w, i) => `${w}${seps[i % Math.max(1, seps.length)] ?? ' '}`).join('');
/** Texts of those words between separators: punctuation, apostrophes, a combining mark, a lone surrogate. */
const textOf = fc
  .tuple(
    words,
    fc.array(fc.constantFrom(' ', ', ', '. ', '\n', '-', '"', ' (', "'", '’', '\u0301', '\uD800')),
  )
  .map(([ws, seps]) => join(ws, seps));

describe('termCoverage', () => {
  it('equals the share of query words whose stems the full stem set of the text holds', () => {
    fc.assert(
      fc.property(words, textOf, (q, text) => {
        const query = q.join(' ');
        expect(termCoverage(parseQuery(query), text)).toBe(reference(query, text));
      }),
      { numRuns: 2000 },
    );
  });

  it('counts words, not occurrences', () => {
    expect(termCoverage(parseQuery('Abe Kurils'), 'the South Kuril Island; the Kuril Islands')).toBe(0.5);
    expect(termCoverage(parseQuery('defence plans'), 'efforts in the defense sector')).toBe(0.5);
    expect(termCoverage(parseQuery('the of'), 'nothing here')).toBe(0);
  });
});

describe('stemMatches', () => {
  it('finds exactly the words whose stem is wanted, with their offsets', () => {
    fc.assert(
      fc.property(words, textOf, (q, text) => {
        const stems = matchStems(parseQuery(q.join(' ')));
        const expected = tokenize(text)
          .filter((w) => stems.has(stem(w.word)))
          .map((w) => ({ start: w.start, end: w.end, stem: stem(w.word) }));
        expect(stemMatches(text, stems)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
