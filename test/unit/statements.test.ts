/** The statement extractor on the forms news text uses, one short text each. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractStatements, type Statement } from '../../src/statements/index.js';

function extract(text: string): Statement[] {
  return extractStatements({ title: '', text });
}

/** Who said which words, in order: the pairs a reader would check. */
function pairs(text: string): Array<[string, string, string]> {
  return extract(text).map((s) => [s.speaker, s.kind, s.text]);
}

describe('direct quotations', () => {
  it('"…," Abe said: the words, their offsets and the canonical name', () => {
    const text =
      'Japanese Prime Minister Shinzo Abe spoke on Monday. "We will sign a peace treaty," Abe said.';
    const [s] = extract(text);
    expect(s).toMatchObject({ speaker: 'Shinzo Abe', speakerAsWritten: 'Abe', kind: 'direct', cue: 'said' });
    expect(text.slice(s?.start, s?.end)).toBe('We will sign a peace treaty');
  });

  it('Abe said: "…" and "…," said Mr Blair', () => {
    const text =
      'Tony Blair met Shinzo Abe. Abe said: "Relations are good." "We agree on most things," said Mr Blair.';
    expect(pairs(text)).toEqual([
      ['Shinzo Abe', 'direct', 'Relations are good.'],
      ['Tony Blair', 'direct', 'We agree on most things'],
    ]);
  });

  it('a quotation interrupted by its attribution is two statements of the same speaker', () => {
    const text =
      'Shinzo Abe spoke in parliament. "Relations hold promise," he said. "For example, visits resumed."';
    expect(pairs(text)).toEqual([
      ['Shinzo Abe', 'direct', 'Relations hold promise'],
      ['Shinzo Abe', 'direct', 'For example, visits resumed.'],
    ]);
  });

  it('a quotation over paragraphs, each opened and only the last closed, is one statement', () => {
    const text =
      'Celtic manager Martin O\'Neill said the date was awkward.\n\n"We will have to speak with the FA. It is their right.\n\n"I have said this before."\n\nCeltic play on Sunday.';
    const statements = extract(text);
    expect(statements.map((s) => [s.speaker, s.kind, s.paragraph])).toEqual([
      ["Martin O'Neill", 'reported', 0],
      ["Martin O'Neill", 'direct', 1],
    ]);
    expect(statements[1]?.text).toBe(
      'We will have to speak with the FA. It is their right. I have said this before.',
    );
    expect(text.slice(statements[1]?.start, statements[1]?.end)).toMatch(/^We will .* before\.$/s);
  });

  it('the same with the paragraph breaks lost (BBC corpus)', () => {
    const text =
      'Said Wales coach Scott Johnson: "We\'re positive about Hal. "He comes back into the mix. " Parker is out.';
    expect(pairs(text)).toEqual([
      ['Scott Johnson', 'direct', "We're positive about Hal. He comes back into the mix."],
    ]);
  });

  it('curly quotes', () => {
    const text = 'Chelsea boss Jose Mourinho was pleased. “We were solid,” Mourinho said.';
    expect(pairs(text)).toEqual([['Jose Mourinho', 'direct', 'We were solid']]);
  });

  it('"described by Jobs as "…"" and "which Mr Harding described as "…"" are the describer\'s words', () => {
    const text =
      'Steve Jobs showed the Mac mini. It was described by Jobs as the "most important Mac" made by Apple. Nigel Harding runs the label. The single reached the chart, which Mr Harding described as "an unheard of achievement".';
    expect(pairs(text)).toEqual([
      ['Steve Jobs', 'direct', 'most important Mac'],
      ['Nigel Harding', 'direct', 'an unheard of achievement'],
    ]);
  });

  it("scare quotes and unattributed phrases are nobody's statement", () => {
    expect(
      extract(
        'The so-called "super-casino" plan has a "slim chance" of passing, with what one MP called "a fair wind".',
      ),
    ).toEqual([]);
  });
});

describe('reported speech', () => {
  it.each([
    [
      'Tony Blair said that Britain would stay the course.',
      'Tony Blair',
      'Britain would stay the course',
      'said',
    ],
    ['Tony Blair warned the talks could fail.', 'Tony Blair', 'the talks could fail', 'warned'],
    [
      'Ms Cynthia Cooper told a jury in New York on Wednesday that auditors had approved it.',
      'Cynthia Cooper',
      'auditors had approved it',
      'told',
    ],
    [
      'Mr Johnson told MPs the scheme was "seriously considered".',
      'Johnson',
      'the scheme was "seriously considered"',
      'told',
    ],
    [
      'The euro will fall further, Gordon Brown has said.',
      'Gordon Brown',
      'The euro will fall further',
      'said',
    ],
    [
      'According to Downing Street, the two leaders discussed Iraq.',
      'Downing Street',
      'the two leaders discussed Iraq',
      'according to',
    ],
    [
      'More people are online than ever, according to a report by think-tank Demos.',
      'Demos',
      'More people are online than ever',
      'according to',
    ],
    [
      'Supermarket chain Tesco said on Monday that sales rose 8% over Christmas.',
      'Tesco',
      'sales rose 8% over Christmas',
      'said',
    ],
    [
      "Lord Falconer told BBC Radio 4's Today programme he hoped mediation could help.",
      'Falconer',
      'he hoped mediation could help',
      'told',
    ],
    [
      'Mr Hague told the Daily Telegraph he would find a life in politics too "boring".',
      'Hague',
      'he would find a life in politics too "boring"',
      'told',
    ],
    ['Mr Greenspan said that could turn into a trend.', 'Greenspan', 'that could turn into a trend', 'said'],
    [
      'Spammers will deliberately misspell a word, said Graham Cluley, senior technology consultant for security firm Sophos.',
      'Graham Cluley',
      'Spammers will deliberately misspell a word',
      'said',
    ],
    [
      'This was not the appropriate place to announce election day, Tony Blair stammered.',
      'Tony Blair',
      'This was not the appropriate place to announce election day',
      'stammered',
    ],
    [
      'Why will the government not take up the offer, Michael Howard demanded.',
      'Michael Howard',
      'Why will the government not take up the offer',
      'demanded',
    ],
  ])('%s', (text, speaker, words, cue) => {
    const [s] = extract(text);
    expect(s).toMatchObject({ speaker, kind: 'reported', cue });
    expect(s?.text).toBe(words);
    expect(text.slice(s?.start, s?.end)).toBe(words);
  });

  it('"X had already …, claiming …": the participle\'s speaker is the subject before its auxiliary', () => {
    const text =
      'Michael Howard had already broken away from the printed text of his speech to deliver a rebuff, claiming such personal abuse meant Labour was "rattled".';
    expect(pairs(text)).toEqual([
      ['Michael Howard', 'reported', 'such personal abuse meant Labour was "rattled"'],
    ]);
  });

  it('generic speakers and objects that are not clauses give nothing', () => {
    expect(extract('Analysts said the dollar would stay weak.')).toEqual([]);
    expect(extract('Lord Ashcroft predicted an election defeat.')).toEqual([]);
  });

  it('a cue inside a relative clause ("whom he says he fathered") is no statement', () => {
    const text =
      "David Blunkett went to court. Three-quarters said Mr Blunkett was right to go to court for the right to see Mrs Quinn's son - whom he says he fathered - and just 14% voiced sympathy for Mrs Quinn.";
    expect(extract(text).filter((s) => s.speaker === 'David Blunkett')).toEqual([]);
  });
});

describe('speakers resolved in the article', () => {
  it('a role goes to the person it was attached to, not to a "shadow" of it', () => {
    const text =
      'Home Secretary David Blunkett defended the plan. Shadow home secretary David Davis said the costs were underestimated. The home secretary denied that the project was late.';
    expect(pairs(text).map(([speaker]) => speaker)).toEqual(['David Davis', 'David Blunkett']);
  });

  it('"the premier" is the Prime Minister; "he" the person last spoken of', () => {
    const text =
      'Japanese Prime Minister Shinzo Abe spoke on Monday. The premier said relations with China had returned to normal. "I am ready for talks," he said.';
    expect(pairs(text).map(([speaker]) => speaker)).toEqual(['Shinzo Abe', 'Shinzo Abe']);
  });

  it('"she" skips the men; a new subject takes over "he"', () => {
    const text =
      'Culture Secretary Tessa Jowell met Mr Smith. "We are cautious," she said. Everton manager David Moyes admitted his side lacked an edge. "We did not create enough," he said.';
    expect(pairs(text).map(([speaker]) => speaker)).toEqual(['Tessa Jowell', 'David Moyes', 'David Moyes']);
  });

  it('organisations: "the firm said in a statement", "it said", an acronym, a spokesman', () => {
    const text =
      'Shares in Vodafone fell. The firm said in a statement that revenue would rise. "Trading is tough," it said. Marks & Spencer cut prices. "We are competing with Next," said an M&S spokesman.';
    expect(pairs(text).map(([speaker]) => speaker)).toEqual(['Vodafone', 'Vodafone', 'Marks & Spencer']);
  });

  it('words that name a person are not that person\'s: "Mr Blair has …, he said" is the strategist speaking', () => {
    // BBC bbc-1881, shortened: Alan Milburn speaking about Tony Blair.
    const text =
      "Later, Prime Minister Tony Blair will answer questions. Mr Blair is thought to be putting himself on the line. The prime minister's enthusiasm for the job remains undimmed, Alan Milburn, Labour's election strategist told Radio 4's Today programme on Saturday. Mr Blair has \"the same passion\" as when Labour came to power, he said. And he confirmed Mr Blair's insistence that no poll date had yet been set. He said: \"I'm the General Election co-ordinator and I don't know, and Tony has not made up his mind.\"";
    expect(pairs(text).map(([speaker, , words]) => [speaker, words.slice(0, 24)])).toEqual([
      ['Alan Milburn', "The prime minister's ent"],
      ['Alan Milburn', 'Mr Blair has "the same p'],
      ['Alan Milburn', "Mr Blair's insistence th"],
      ['Alan Milburn', "I'm the General Election"],
    ]);
  });

  it('"The prime minister almost blushed. …, he stammered." is no one given another role before', () => {
    // BBC bbc-1039, shortened: the article never names the prime minister with his title.
    const text =
      'Liberal Democrat leader Charles Kennedy avoided the row. He preferred to state that the government was authoritarian. Later Birmingham MP Sion Simon suggested the election should be held now. The prime minister almost blushed. This was not the appropriate place to announce election day, he stammered.';
    expect(pairs(text).map(([speaker]) => speaker)).toEqual(['Sion Simon']);
  });

  it('"The charity\'s director, Barbara Stocking, said: "…"": the name in apposition to the role', () => {
    const text =
      'Oxfam welcomed the plan. The charity\'s director, Barbara Stocking, said: "2005 offers the chance for a breakthrough." The Higher Education Minister, Kim Howells, said: "We are working in schools."';
    expect(pairs(text).map(([speaker]) => speaker)).toEqual(['Barbara Stocking', 'Kim Howells']);
  });

  it('"told the Commons foreign affairs committee: "…"" is the quotation alone, the object no clause', () => {
    const text = 'Jack Straw told the Commons foreign affairs committee: "Our position is very clear."';
    expect(pairs(text)).toEqual([['Jack Straw', 'direct', 'Our position is very clear.']]);
  });

  it('"X, who …, said: "…"" is X; "X, who said …, warned …" is two statements of X', () => {
    const text =
      'Chief executive John Rose, who said the order book was at a record high, warned that costs would rise. Union leader Derek Simpson, who has criticised the firm, said: "Workers deserve a share."';
    expect(pairs(text)).toEqual([
      ['John Rose', 'reported', 'the order book was at a record high'],
      ['John Rose', 'reported', 'costs would rise'],
      ['Derek Simpson', 'direct', 'Workers deserve a share.'],
    ]);
  });

  it('"he said" of words naming the last speaker goes to someone else spoken of', () => {
    const text =
      'Gordon Brown said the economy was strong. The figures in the Budget report were questioned on Monday by shadow chancellor Oliver Letwin. "Gordon Brown has taxed us 66 times," he said.';
    expect(pairs(text).map(([speaker]) => speaker)).toEqual(['Gordon Brown', 'Oliver Letwin']);
  });
});

describe('the seeds and upper-case text', () => {
  const seed = (name: string): string =>
    readFileSync(join(import.meta.dirname, '..', '..', 'seeds', name), 'utf8');

  it("Abe's own words on the Kurils and the peace treaty", () => {
    const statements = extract(seed('001_5b0540494f67e9be.txt'));
    const words = statements.filter((s) => s.speaker === 'Shinzo Abe').map((s) => s.text);
    expect(words).toContain(
      'As for Russia, our nations will deepen mutual trust and friendship, solve their territorial problem and sign a peace treaty',
    );
    expect(statements.find((s) => s.text.includes('have returned to normal'))).toMatchObject({
      speaker: 'Shinzo Abe',
      kind: 'reported',
      speakerAsWritten: 'The premier',
    });
  });

  it('TIME 1963 in capitals: names are found once case is restored', () => {
    const text =
      'THERE WAS EGYPT\'S PRESIDENT GAMAL ABDEL NASSER . " BROTHERS ! " CRIED NASSER . THE CROWD CHEERED .';
    expect(pairs(text)).toEqual([['Gamal Abdel Nasser', 'direct', 'BROTHERS !']]);
  });
});

describe('any text', () => {
  const pieces = [
    'Tony Blair',
    'Mr Blair',
    'he',
    'She',
    'the firm',
    'said',
    'told reporters',
    'added:',
    'according to',
    ', said Abe.',
    '"',
    '“',
    '”',
    ',',
    '.',
    '\n\n',
    ' ',
    'that',
    'the talks would fail',
    'WE WILL WIN',
    "O'Neill",
    'M&S',
    '(CIPS)',
  ];
  const texts = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join(' '));

  it('never throws; every statement lies inside the text, words non-empty, paragraph counted', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const paragraphs = text.split('\n').filter((line) => line.trim().length > 0).length;
        for (const s of extract(text)) {
          expect(s.start).toBeGreaterThanOrEqual(0);
          expect(s.end).toBeLessThanOrEqual(text.length);
          expect(s.start).toBeLessThan(s.end);
          expect(s.text.trim().length).toBeGreaterThan(0);
          expect(s.speaker.length).toBeGreaterThan(0);
          expect(s.paragraph).toBeLessThan(Math.max(1, paragraphs));
        }
      }),
      { numRuns: 500 },
    );
  });
});
