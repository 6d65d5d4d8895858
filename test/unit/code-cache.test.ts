import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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

describe('CommonJS with a V8 code cache: what it must not trust', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('compiles afresh, and runs the new code, when the source changed but kept its length', () => {
    const file = join(tmp.dir, 'versioned.cjs');
    const cache = join(tmp.dir, 'versioned.cache');
    writeFileSync(file, `module.exports = { version: '1.0.1', f: () => 'old' };\n`);
    loadCommonJs(file, cache).save();
    writeFileSync(file, `module.exports = { version: '1.0.2', f: () => 'new' };\n`);
    const load = loadCommonJs(file, cache);
    expect(load.compiled).toBe(true);
    expect(load.exports).toMatchObject({ version: '1.0.2' });
    expect((load.exports as { f(): string }).f()).toBe('new');
  });

  it('ignores a cache with a damaged byte instead of handing it to V8', () => {
    const file = join(tmp.dir, 'damaged.cjs');
    const cache = join(tmp.dir, 'damaged.cache');
    writeFileSync(file, `module.exports = { g: (x) => x + 1, h: () => [1, 2, 3].map((n) => n * 2) };\n`);
    const first = loadCommonJs(file, cache);
    (first.exports as { h(): number[] }).h();
    first.save();
    const bytes = readFileSync(cache);
    const middle = bytes.length - Math.floor((bytes.length - 72) / 2);
    bytes[middle] = (bytes[middle] as number) ^ 0xff;
    writeFileSync(cache, bytes);
    const load = loadCommonJs(file, cache);
    expect(load.compiled).toBe(true);
    expect((load.exports as { h(): number[] }).h()).toEqual([2, 4, 6]);
  });
});
