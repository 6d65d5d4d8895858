import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkArticle, createWordTokenCounter, sentenceSpans } from '../../src/chunk/index.js';
import { rawSentences, SEGMENT_WINDOW } from '../../src/chunk/sentences.js';
import { type Article, parseTextArticle } from '../../src/parse/index.js';
import { FIXTURES, SEEDS } from '../helpers.js';

const counter = createWordTokenCounter();

function article(text: string): Article {
  return { id: 'a', title: 't', text, paragraphs: [{ index: 0, start: 0, end: text.length }], metadata: {} };
}

describe('chunker (word-count tokenizer)', () => {
  it('keeps offsets exact and every passage within budget for the seeds at several budgets', () => {
    for (const file of ['000_49243b7414c43ba9.txt', '001_5b0540494f67e9be.txt']) {
      const a = parseTextArticle(file, readFileSync(join(SEEDS, file), 'utf8'));
      for (const maxTokens of [16, 40, 200]) {
        const passages = chunkArticle(a, { maxTokens, counter });
        expect(passages.length).toBeGreaterThan(0);
        for (const p of passages) {
          expect(a.text.slice(p.start, p.end)).toBe(p.text);
          expect(counter.countTokens(p.text)).toBeLessThanOrEqual(maxTokens);
          expect(p.tokens).toBe(counter.countTokens(p.text));
        }
        // Every paragraph is covered from its first to its last character.
        for (const para of a.paragraphs) {
          const inside = passages.filter((p) => p.paragraph === para.index);
          expect(Math.min(...inside.map((p) => p.start))).toBe(para.start);
          expect(Math.max(...inside.map((p) => p.end))).toBe(para.end);
        }
      }
    }
  });

  it('shares one sentence between neighbours', () => {
    const text = 'One two three. Four five six. Seven eight nine. Ten eleven twelve.';
    const passages = chunkArticle(article(text), { maxTokens: 8, counter });
    expect(passages.map((p) => p.text)).toEqual([
      'One two three. Four five six.',
      'Four five six. Seven eight nine.',
      'Seven eight nine. Ten eleven twelve.',
    ]);
  });

  it('splits an over-long sentence at word boundaries, never inside a word', () => {
    const words = Array.from({ length: 50 }, (_, i) => `word${i}`);
    const text = `${words.join(' ')}.`;
    const passages = chunkArticle(article(text), { maxTokens: 12, counter });
    expect(passages.length).toBeGreaterThan(3);
    for (const p of passages) {
      expect(counter.countTokens(p.text)).toBeLessThanOrEqual(12);
      expect(text[p.start - 1] === undefined || text[p.start - 1] === ' ').toBe(true);
      expect(text[p.end] === undefined || text[p.end] === ' ').toBe(true);
    }
    // Together the pieces hold every word.
    const seen = new Set(passages.flatMap((p) => p.text.match(/word\d+/g) ?? []));
    expect(seen.size).toBe(50);
  });

  it('keeps a single word longer than the budget whole', () => {
    const text = `Start ${'x'.repeat(10)} end.`;
    const heavy = { countTokens: (t: string) => (t.includes('xxxx') ? 100 : counter.countTokens(t)) };
    const passages = chunkArticle(article(text), { maxTokens: 10, counter: heavy });
    expect(passages.some((p) => p.text.includes('x'.repeat(10)))).toBe(true);
    for (const p of passages) expect(text.slice(p.start, p.end)).toBe(p.text);
  });

  it('finds the sentences of a long paragraph a window at a time, as segmenting it whole does', () => {
    // The windows only save time: every boundary must be the whole text's, at any window size.
    const records = readFileSync(join(FIXTURES, 'scifact-300.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { title: string; text: string });
    const seeds = ['000_49243b7414c43ba9.txt', '001_5b0540494f67e9be.txt'].map(
      (f) => parseTextArticle(f, readFileSync(join(SEEDS, f), 'utf8')).text,
    );
    const tricky = `He said "No." Then he left... The U.S. Senate met at 9 a.m. on Jan. 5. (It voted!) ${'word '.repeat(900)}end. "Why?" she asked. e.g. this one. Mr. Smith went on.`;
    // After "e.g. " ICU looks past the digits for a lower-case word before it decides there is
    // no boundary: a window ending among the digits must not decide it.
    const lookahead = Array.from(
      { length: 40 },
      (_, pad) =>
        `${'Go on. '.repeat(pad % 7)}${'x'.repeat(pad)} He said e.g. ${'1 '.repeat(30)}and more. End.`,
    );
    const texts = [
      ...seeds,
      tricky,
      ...lookahead,
      ...records.map((r) => r.text),
      records.map((r) => r.text).join(' '),
    ];
    const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
    let sentences = 0;
    for (const text of texts) {
      const whole = [...segmenter.segment(text)].map((s) => [s.index, s.index + s.segment.length]);
      sentences += whole.length;
      for (const window of [SEGMENT_WINDOW, 300, 40]) {
        expect([...rawSentences(text, 0, text.length, window)].map((s) => [s.start, s.end])).toEqual(whole);
      }
    }
    expect(sentences).toBeGreaterThan(2000);
  });

  it('finds sentence spans as offsets', () => {
    const text = '  Hello there.  How are you?  ';
    expect(sentenceSpans(text).map((s) => text.slice(s.start, s.end))).toEqual([
      'Hello there.',
      'How are you?',
    ]);
  });
});
