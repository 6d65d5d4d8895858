/** Questions about what someone said are split into speaker and topic; other questions are not. */
import { describe, expect, it } from 'vitest';
import { speechQuestion } from '../../src/analysis/index.js';

describe('speechQuestion', () => {
  it.each([
    ['what did Abe say about the Kurils', 'Abe', 'Kurils'],
    ['What did Abe say about China?', 'Abe', 'China'],
    ['what has the prime minister said on pension reform', 'the prime minister', 'pension reform'],
    ['What does Merkel think of the euro?', 'Merkel', 'euro'],
    ['how did Putin react to the sanctions', 'Putin', 'sanctions'],
    ["Abe's view on North Korea", 'Abe', 'North Korea'],
    ['What is Putin’s position on NATO expansion?', 'Putin', 'NATO expansion'],
    ['what did  Kim Jong-un   tell reporters about the summit', 'Kim Jong-un', 'summit'],
  ])('%s', (question, speaker, topic) => {
    const parsed = speechQuestion(question);
    if (speaker === undefined) expect(parsed).toBeUndefined();
    else expect(parsed).toEqual({ speaker, topic });
  });

  it.each([
    "How are Japan's relations with China?",
    'Is Abe willing to meet Kim Jong-un?',
    'What does the eight-point economic cooperation plan cover?',
    'KENNEDY ADMINISTRATION PRESSURE ON NGO DINH DIEM TO STOP SUPPRESSING THE BUDDHISTS .',
    'what did the long list of people who met in the hall on Monday say about it',
    'what did Abe say about',
  ])('not a question about what someone said: %s', (question) => {
    expect(speechQuestion(question)).toBeUndefined();
  });
});
