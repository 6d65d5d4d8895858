/** Whether the model cuts a question: known without tokenizing a short question of plain ASCII. */
import { describe, expect, it } from 'vitest';
import { overBudget } from '../../src/search/retrieval.js';

/** The most tokens a tokenizer can make of ASCII text: one a character, and a leading word marker. */
function worstCase(maxTokens: number) {
  let counted = 0;
  return {
    info: { maxTokens },
    countTokens: (text: string) => {
      counted++;
      return text.length + 1;
    },
    counted: () => counted,
  };
}

describe('a question over the model budget', () => {
  it('a short ASCII question is not tokenized again, and the answer is the tokenizer’s', () => {
    for (let length = 0; length <= 20; length++) {
      const text = 'a'.repeat(length);
      const e = worstCase(16);
      const truth = e.countTokens(text) > 14;
      const fresh = worstCase(16);
      expect(overBudget(fresh, text)).toBe(truth);
      if (!truth) expect(fresh.counted()).toBe(0);
    }
  });

  it('a long or non-ASCII question is counted by the tokenizer', () => {
    const e = worstCase(512);
    expect(overBudget(e, 'what did the 各国 leaders say')).toBe(false);
    expect(e.counted()).toBe(1);
    expect(overBudget(e, 'x'.repeat(600))).toBe(true);
    expect(e.counted()).toBe(2);
  });
});
