/** The text a chat model reads over a speaker's statements: the same headline as every front end. */
import { describe, expect, it } from 'vitest';
import type { AnswerStatement } from '../../src/results/index.js';
import { renderStatementsText } from '../../src/serve/api/tools.js';

const statement = (relevance: number): AnswerStatement => ({
  speaker: 'Gordon Brown',
  speakerAsWritten: 'Mr Brown',
  text: 'the economy is strong',
  kind: 'reported',
  cue: 'said',
  articleId: 'bbc-1',
  title: 'Brown on the economy',
  date: '2005-02-01',
  source: 'BBC',
  start: 10,
  end: 31,
  context: 'Mr Brown said the economy is strong.',
  relevance,
  alsoIn: [],
});

const headline = (topic: string, quotedIn: number, relevance: number) =>
  renderStatementsText({
    speaker: { asked: 'Brown', topic, matched: ['Gordon Brown'], quotedIn },
    statements: [statement(relevance)],
  }).split('\n')[0];

describe('renderStatementsText', () => {
  it('heads the statements as the CLI, the page and the API do, and counts the articles', () => {
    expect(headline('the economy', 2, 0.8)).toBe('What Gordon Brown said about the economy:');
    expect(headline('the iPod', 1, 0.1)).toBe(
      'Gordon Brown is quoted in 1 article, none about the iPod; closest:',
    );
    expect(headline('the iPod', 3, 0.1)).toBe(
      'Gordon Brown is quoted in 3 articles, none about the iPod; closest:',
    );
    expect(headline('', 1, 0)).toBe('What Gordon Brown said (1 article found):');
    expect(
      renderStatementsText({
        speaker: { asked: 'Zed', topic: 'x', matched: [], quotedIn: 0 },
        statements: [],
      }),
    ).toBe('No one named Zed is quoted in the articles found.');
  });
});
