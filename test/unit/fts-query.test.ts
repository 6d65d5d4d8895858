import { describe, expect, it } from 'vitest';
import { matchStems, parseQuery, satisfiesSyntax, spellingVariants } from '../../src/analysis/index.js';
import { buildFtsQuery, FTS_MAX_TERMS, queryTerms } from '../../src/backends/embedded/index.js';
import { highlightSentences } from '../../src/search/index.js';

describe('FTS query building', () => {
  it('drops stop words and ORs quoted terms', () => {
    expect(buildFtsQuery('what did Abe say about the Kurils')).toBe('("abe" OR "kurils")');
  });

  it('keeps stop words when nothing else is left', () => {
    expect(queryTerms('what is it')).toEqual(['what', 'is', 'it']);
  });

  it('turns FTS syntax into plain terms: only quoted words, parentheses and AND/OR/NOT remain', () => {
    const safe = /^(?:"[\p{L}\p{N} ]+"|\(|\)| OR | AND | NOT )+$/u;
    for (const hostile of [
      '"',
      '*',
      'NEAR(a b)',
      'AND OR',
      '-',
      'abe"',
      'title:abe',
      '(((',
      'a* OR "b',
      '"x" -"y"',
    ]) {
      const q = buildFtsQuery(hostile);
      if (q !== undefined) expect(q, hostile).toMatch(safe);
    }
    expect(buildFtsQuery('***')).toBeUndefined();
    expect(buildFtsQuery('-only -exclusions')).toBeUndefined();
  });

  it('caps the number of terms', () => {
    const long = Array.from({ length: 200 }, (_, i) => `term${i}`).join(' ');
    expect(queryTerms(long)).toHaveLength(FTS_MAX_TERMS);
  });

  it('reads "exact phrases" as required and -words as excluded', () => {
    const q = parseQuery('"peace treaty" Abe -Korea');
    expect(q).toMatchObject({
      phrases: [['peace', 'treaty']],
      excluded: ['korea'],
      plain: 'peace treaty Abe',
    });
    expect(buildFtsQuery('"peace treaty" Abe -Korea')).toBe(
      '"peace treaty" AND ("peace" OR "treaty" OR "abe") NOT "korea"',
    );
    expect(satisfiesSyntax(q, 'Abe wants a peace treaty.')).toBe(true);
    expect(satisfiesSyntax(q, 'A treaty of peace with Korea.')).toBe(false);
    expect(satisfiesSyntax(q, 'Peace and a treaty.')).toBe(false);
    // A hyphen inside a word is not an exclusion.
    expect(parseQuery('Jong-un').excluded).toEqual([]);
  });

  it('matches British and American spellings alike', () => {
    expect(spellingVariants('defence')).toEqual(['defence', 'defense']);
    expect(spellingVariants('organised')).toEqual(['organised', 'organized']);
    expect(spellingVariants('colour')).toEqual(['colour', 'color']);
    expect(spellingVariants('centre')).toEqual(['centre', 'center']);
    expect(spellingVariants('islands')).toEqual(['islands']);
    expect(buildFtsQuery("Japan's defence plans")).toBe(
      '("japan" OR "s" OR ("defence" OR "defense") OR "plans")',
    );
  });

  it('highlights what the lexical side matched: Porter stems and spelling variants', () => {
    const text = 'The cooperative plan was signed. Nothing else happened. Its defense was strong.';
    const spans = highlightSentences(text, 0, text.length, parseQuery('cooperation on defence'));
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual([
      'The cooperative plan was signed.',
      'Its defense was strong.',
    ]);
    expect(matchStems(parseQuery('Kurils')).has('kuril')).toBe(true);
  });
});
