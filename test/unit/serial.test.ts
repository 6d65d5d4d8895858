/** One piece of work at a time, in call order, past failures. */
import { describe, expect, it } from 'vitest';
import { serialQueue } from '../../src/serial.js';

describe('serialQueue', () => {
  it('starts each piece once the one before has settled, failed or not', async () => {
    const queue = serialQueue();
    const log: string[] = [];
    const piece = (name: string, ms: number, fail = false) =>
      queue(async () => {
        log.push(`${name} start`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      });
    const a = piece('a', 20, true);
    const b = piece('b', 1);
    await expect(a).rejects.toThrow('a');
    expect(await b).toBe('b');
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end']);
  });
});
