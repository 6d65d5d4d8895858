/** Speaker names as readers type them, matched against the speakers an index knows. */
import { describe, expect, it } from 'vitest';
import { editDistance, matchSpeaker, normaliseSpeaker } from '../../src/statements/index.js';

const KNOWN = [
  'Tony Blair',
  'David Blunkett',
  'David Davis',
  'Shinzo Abe',
  'Marks & Spencer',
  { name: 'Gordon Brown', roles: ['chancellor'] },
  { name: 'Oliver Letwin', roles: ['shadow chancellor'] },
  { name: 'Jose Mourinho', roles: ['chelsea boss'] },
];

describe('matchSpeaker', () => {
  it.each([
    ['Tony Blair', 'Tony Blair', 'exact'],
    ['Blair', 'Tony Blair', 'surname'],
    ['Mr Blair', 'Tony Blair', 'surname'],
    ["Abe's", 'Shinzo Abe', 'surname'],
    ['Blunket', 'David Blunkett', 'spelling'],
    ['Jose Mourino', 'Jose Mourinho', 'spelling'],
    ['M&S', 'Marks & Spencer', 'acronym'],
    ['the chancellor', 'Gordon Brown', 'role'],
    ['José Mourinho', 'Jose Mourinho', 'exact'],
  ])('%s → %s (%s)', (query, speaker, kind) => {
    expect(matchSpeaker(query, KNOWN)[0]).toMatchObject({ speaker, kind });
  });

  it('a first name alone matches everyone who has it, below a surname match', () => {
    const matches = matchSpeaker('David', KNOWN);
    expect(matches.map((m) => m.speaker)).toEqual(['David Blunkett', 'David Davis']);
    expect(matches[0]?.score).toBeLessThan(matchSpeaker('Davis', KNOWN)[0]?.score ?? 0);
  });

  it('a role is the office asked: the chancellor is not the shadow chancellor, a boss is', () => {
    expect(matchSpeaker('the chancellor', KNOWN).map((m) => m.speaker)).toEqual(['Gordon Brown']);
    expect(matchSpeaker('the shadow chancellor', KNOWN).map((m) => m.speaker)).toEqual(['Oliver Letwin']);
    expect(matchSpeaker('the boss', KNOWN).map((m) => m.speaker)).toEqual(['Jose Mourinho']);
  });

  it('no one of that name is an empty list, not a guess', () => {
    expect(matchSpeaker('Merkel', KNOWN)).toEqual([]);
    // Short surnames allow no typo: "Abe" is not "Ade".
    expect(matchSpeaker('Ade', KNOWN)).toEqual([]);
  });

  it('normalises titles, possessives, accents and case', () => {
    expect(normaliseSpeaker("Mr Tony Blair's")).toBe('tony blair');
    expect(normaliseSpeaker('the Chelsea boss')).toBe('chelsea boss');
    expect(normaliseSpeaker('José Mourinho')).toBe('jose mourinho');
  });

  it('edit distance counts a transposition once', () => {
    expect(editDistance('blunkett', 'blunket')).toBe(1);
    expect(editDistance('blair', 'bliar')).toBe(1);
    expect(editDistance('abe', 'putin')).toBeGreaterThan(3);
  });
});
