/** A speaker's statements ranked by the topic, copies of the same words shown once. */
import { describe, expect, it } from 'vitest';
import { answerStatements, type QuotedArticle } from '../../src/results/index.js';
import { extractStatements } from '../../src/statements/index.js';

const TEXT =
  'Chancellor Gordon Brown spoke in London on Monday. ' +
  '"Debt relief for the poorest countries is a moral duty," Mr Brown said. ' +
  '"The economy will grow by 3% next year," he added. ' +
  'Opposition leader Michael Howard said the budget was a fraud.';

function article(articleId: string, rank: number, source: string): QuotedArticle {
  return {
    articleId,
    title: '',
    place: null,
    date: '2005-02-01',
    source,
    collection: null,
    text: TEXT,
    rank,
    statements: extractStatements({ text: TEXT }),
  };
}

describe('answer statements', () => {
  const articles = [article('a', 0, 'BBC'), article('b', 1, 'Reuters')];
  const candidates = [TEXT, 'Debt talks at the G7.', 'Budget day.', 'Growth forecasts.'];

  it('the speaker’s words on the topic first; the same words in a copy are one statement with both sources', () => {
    const r = answerStatements('Brown', 'debt relief for poor countries', articles, candidates);
    expect(r.matched).toEqual(['Gordon Brown']);
    expect(r.quotedIn).toBe(2);
    expect(r.statements[0]?.text).toContain('Debt relief for the poorest countries');
    expect(r.statements[0]?.alsoIn).toEqual([{ articleId: 'b', source: 'Reuters', date: '2005-02-01' }]);
    // Each statement once, whichever copy it came from; another speaker's words never.
    expect(r.statements).toHaveLength(2);
    expect(r.statements.every((s) => s.speaker === 'Gordon Brown')).toBe(true);
    expect(r.statements[0]?.relevance).toBeGreaterThan(r.statements[1]?.relevance ?? 1);
  });

  it('a misspelt name finds the speaker; an unknown one finds no one', () => {
    expect(answerStatements('Gordon Broun', 'economy', articles, candidates).matched).toEqual([
      'Gordon Brown',
    ]);
    expect(answerStatements('Angela Merkel', 'economy', articles, candidates).statements).toEqual([]);
  });

  it('a role the articles give a speaker finds them: "the chancellor" is Gordon Brown', () => {
    expect(answerStatements('the chancellor', 'debt relief', articles, candidates).matched).toEqual([
      'Gordon Brown',
    ]);
    expect(answerStatements('Opposition leader', 'budget', articles, candidates).matched).toEqual([
      'Michael Howard',
    ]);
    expect(answerStatements('the archbishop', 'economy', articles, candidates).matched).toEqual([]);
  });

  it('of two statements, the one whose cosine to the topic is the higher stands above the reference (the median of two is their mean)', () => {
    const [debt, growth] = articles[0]?.statements.filter((st) => st.speaker === 'Gordon Brown') ?? [];
    const cosine = (_: string, start: number) => (start === growth?.start ? 0.7 : 0.4);
    const r = answerStatements('Brown', 'prospects', articles.slice(0, 1), candidates, cosine);
    expect(debt).toBeDefined();
    expect(r.statements.map((st) => st.text)).toEqual([growth?.text, debt?.text]);
    expect((r.statements[0]?.relevance ?? 0) - (r.statements[1]?.relevance ?? 0)).toBeGreaterThan(0.3);
  });

  it('words opening on "that" or "they" are about what the sentence before them named', () => {
    const text =
      'Fed chief Alan Greenspan spoke in London. Asian central banks hold a large share of the trade deficit in dollars. ' +
      'Mr Greenspan said that could turn into a trend. Mr Greenspan said the weather in London was mild all week.';
    const a: QuotedArticle = { ...article('g', 0, 'BBC'), text, statements: extractStatements({ text }) };
    const r = answerStatements('Greenspan', 'trade deficit', [a], [text, 'Budget day.', 'Growth forecasts.']);
    expect(r.statements.map((st) => st.text)).toEqual([
      'that could turn into a trend',
      'the weather in London was mild all week',
    ]);
    expect(r.statements[0]?.relevance ?? 0).toBeGreaterThan((r.statements[1]?.relevance ?? 0) + 0.1);
  });

  it('a copy reworded, or a part of the words quoted again, is the same statement', () => {
    const texts = [
      'Gordon Brown spoke in London. Mr Brown said debt relief for the poorest countries is a moral duty and must come this year.',
      'Gordon Brown spoke in Paris. Mr Brown said debt relief for the poorest nations was a moral duty and must come this year.',
      'Gordon Brown spoke in Rome at a summit of finance ministers on Friday. He said debt relief for the poorest countries is a moral duty.',
    ];
    const read = texts.map((text, i) => ({
      ...article(`c${i}`, i, `S${i}`),
      text,
      statements: extractStatements({ text }),
    }));
    const r = answerStatements('Brown', 'debt relief', read, [...texts, 'Budget day.']);
    expect(r.statements).toHaveLength(1);
    const shown = r.statements[0];
    expect([shown?.articleId, ...(shown?.alsoIn ?? []).map((a) => a.articleId)].sort()).toEqual([
      'c0',
      'c1',
      'c2',
    ]);
  });
});
