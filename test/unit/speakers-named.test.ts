/**
 * A question's speaker matched against the index's speakers: the cheap test that narrows
 * thousands of speakers to a few passes every speaker the matcher itself would accept, so the
 * answer is the matcher's over the whole list.
 */
import { describe, expect, it } from 'vitest';
import type { SpeakerCount } from '../../src/backends/index.js';
import { speakersNamed } from '../../src/engine/speakers.js';
import { knownSpeakers, speakersAsked } from '../../src/results/index.js';

const speaker = (name: string, roles: string[] = []): SpeakerCount => ({
  name,
  statements: 1,
  articles: 1,
  firstDate: null,
  lastDate: null,
  roles,
});

const KNOWN = [
  speaker('Tony Blair', ['prime minister', 'the prime minister']),
  speaker('Ian Blair', ['met police commissioner']),
  speaker('Gordon Brown', ['chancellor', 'the chancellor']),
  speaker('Nick Brown'),
  speaker('David Blunkett', ['home secretary']),
  speaker('Marks & Spencer'),
  speaker('Jose Mourinho', ['chelsea boss']),
  speaker('Arsene Wenger', ['arsenal manager']),
  speaker('Michael Howard', ['tory leader', 'shadow chancellor']),
  speaker('Standard Life'),
  speaker('David Cummings'),
  speaker('Alan Greenspan', ['fed chairman']),
  speaker('Bo Li'),
];

function wholeList(asked: string): string[] {
  const statements = KNOWN.map((s) => ({ speaker: s.name, speakerAsWritten: s.name, speakerRoles: s.roles }));
  return speakersAsked(asked, knownSpeakers(statements));
}

describe('speakersNamed', () => {
  it('answers as the matcher over every speaker: surnames, roles, initials, misspellings, nobody', () => {
    const map = new Map(KNOWN.map((s) => [s.name, s]));
    const asked = [
      'Blair',
      'Mr Blair',
      'Tony Blair',
      'Blunket',
      'Blunkett',
      'the chancellor',
      'the prime minister',
      'Chelsea boss',
      'M&S',
      'Jose Mourino',
      'Mourino',
      'Wenger',
      'Brown',
      'Brwon',
      "Standard Life's David Cummings",
      'the Tory leader',
      'Greenspan',
      'Li',
      'Lee',
      'Merkel',
      'the manager',
      'Howard said',
    ];
    for (const name of asked) expect(speakersNamed(name, map), name).toEqual(wholeList(name));
    expect(speakersNamed('Blunket', map)).toEqual(['David Blunkett']);
    expect(speakersNamed('the chancellor', map)).toEqual(['Gordon Brown']);
    expect(speakersNamed('Merkel', map)).toEqual([]);
  });
});
