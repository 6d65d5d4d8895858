import { describe, expect, it } from 'vitest';
import { Lru } from '../../src/lru.js';

const keys = (lru: Lru<string, number>, candidates: string[]) =>
  candidates.filter((k) => lru.get(k) !== undefined);

describe('Lru', () => {
  it('drops the least recently used entry past capacity', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1); // a is now the most recent
    lru.set('c', 3); // drops b
    expect(lru.size).toBe(2);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
  });

  it('counts a set of a kept key as a use, and replaces its value', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.set('a', 10)).toBe(10);
    lru.set('c', 3); // drops b, not a
    expect(keys(lru, ['a', 'b', 'c'])).toEqual(['a', 'c']);
    expect(lru.get('a')).toBe(10);
  });

  it('keeps nothing at capacity 0, and forgets on delete and clear', () => {
    const none = new Lru<string, number>(0);
    expect(none.set('a', 1)).toBe(1);
    expect(none.size).toBe(0);
    const lru = new Lru<string, number>(3);
    for (const [i, k] of ['a', 'b', 'c'].entries()) lru.set(k, i);
    expect(lru.delete('b')).toBe(true);
    expect(keys(lru, ['a', 'b', 'c'])).toEqual(['a', 'c']);
    lru.clear();
    expect(lru.size).toBe(0);
  });

  it('agrees with a list kept in order of use', () => {
    const lru = new Lru<number, number>(5);
    let order: number[] = []; // least recently used first
    const use = (k: number) => {
      order = [...order.filter((o) => o !== k), k];
    };
    for (let i = 0; i < 200; i++) {
      const read = (i * 7) % 13;
      expect(lru.get(read) !== undefined).toBe(order.includes(read));
      if (order.includes(read)) use(read);
      lru.set(i % 13, i);
      use(i % 13);
      order = order.slice(-5);
      expect(lru.size).toBe(order.length);
    }
  });
});
