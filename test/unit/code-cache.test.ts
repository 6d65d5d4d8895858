import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCommonJs } from '../../src/embed/load-transformers.js';
import { tempDir } from '../helpers.js';

describe('CommonJS with a V8 code cache', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const module = (name: string) => {
    const file = join(tmp.dir, `${name}.cjs`);
    writeFileSync(
      file,
      `const { sep } = require('node:path');\nmodule.exports = { answer: 6 * 7, sep, self: __filename, twice: (x) => x * 2 };\n`,
    );
    return file;
  };

  it('runs the module as require() would, then compiles from the cache it saved', () => {
    const file = module('a');
    const cache = join(tmp.dir, 'a.cache');
    const first = loadCommonJs(file, cache);
    expect(first.exports).toMatchObject({ answer: 42, sep: '/', self: file });
    expect(first.compiled).toBe(true);
    expect(existsSync(cache)).toBe(false);
    first.save();
    expect(existsSync(cache)).toBe(true);
    const again = loadCommonJs(file, cache);
    expect(again.compiled).toBe(false);
    expect((again.exports as { twice(x: number): number }).twice(21)).toBe(42);
  });

  it('compiles afresh when the cache does not fit the source', () => {
    const file = module('b');
    const cache = join(tmp.dir, 'b.cache');
    writeFileSync(cache, 'not a code cache');
    const load = loadCommonJs(file, cache);
    expect(load.compiled).toBe(true);
    expect(load.exports).toMatchObject({ answer: 42 });
  });

  it('keeps working when the cache cannot be written', () => {
    const file = module('c');
    const load = loadCommonJs(file, join(tmp.dir, 'missing-folder', 'c.cache'));
    expect(() => load.save()).not.toThrow();
    expect(load.exports).toMatchObject({ answer: 42 });
  });
});
