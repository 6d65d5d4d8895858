/**
 * A role typed as a speaker ("the chancellor") is answered as the one person who holds it in
 * the index: index-wide roles carry extraction errors and other countries' office holders.
 */
import { describe, expect, it } from 'vitest';
import type { SpeakerCount } from '../../src/backends/index.js';
import { isRole, personInRole } from '../../src/engine/speakers.js';

const speaker = (name: string, statements: number, roles: string[]): [string, SpeakerCount] => [
  name,
  { name, statements, articles: 1, firstDate: null, lastDate: null, roles },
];
const speakers = new Map([
  speaker('Falconer', 3, ['lord chancellor']),
  speaker('Gerhard Schroeder', 20, ['german chancellor']),
  speaker('Gordon Brown', 156, ['chancellor', 'prime minister']),
  speaker('Tony Blair', 284, ['prime minister', 'chancellor']),
  speaker('Lib Dems', 40, ['party', 'chancellor']),
]);

describe('a role as the speaker', () => {
  it('is the speaker whose most frequent role it is, the most quoted of them', () => {
    const names = ['Falconer', 'Gerhard Schroeder', 'Gordon Brown', 'Lib Dems', 'Tony Blair'];
    expect(personInRole('the chancellor', names, speakers)).toEqual(['Gordon Brown']);
    expect(personInRole('the prime minister', ['Gordon Brown', 'Tony Blair'], speakers)).toEqual([
      'Tony Blair',
    ]);
  });

  it('leaves names as they are', () => {
    expect(isRole('Blair')).toBe(false);
    expect(isRole('the Chancellor')).toBe(true);
    expect(personInRole('Blair', ['Ian Blair', 'Tony Blair'], speakers)).toEqual(['Ian Blair', 'Tony Blair']);
  });
});
