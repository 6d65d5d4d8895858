import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configSchema, DEFAULTS } from '../../src/config.js';
import { plainlyValid } from '../../src/config-fast-check.js';
import { assertWithinBudget } from '../fuzz-budget.js';

const KEYS = Object.keys(DEFAULTS);

/** Values near every rule's edges: empty strings, enum look-alikes, bounds, URLs, index names. */
const value = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '',
    'q8',
    'fp32',
    'Q8',
    'info',
    'loud',
    'embedded',
    'elasticsearch',
    'http://127.0.0.1:9201',
  ),
  fc.constantFrom(
    'http://a:1,http://b:2',
    'http://a:1, ',
    'not a url',
    'semsearch',
    '-bad',
    'Upper',
    'a'.repeat(102),
  ),
  fc.integer({ min: -2, max: 70_000 }),
  fc.constantFrom(
    0,
    1,
    15,
    16,
    510,
    511,
    1024,
    1025,
    65535,
    65536,
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
  ),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.integer()), { maxLength: 3 }),
);
const key = fc.oneof(fc.constantFrom(...KEYS), fc.constantFrom('indxDir', 'PORT', 'extra'));

const EDGES: unknown[] = [
  '',
  'x',
  'q8',
  'fp32',
  'Q8',
  'info',
  'loud',
  'silent',
  'embedded',
  'elasticsearch',
  'semsearch',
  '-bad',
  'Upper',
  'a'.repeat(101),
  'a'.repeat(102),
  'http://127.0.0.1:9201',
  'http://a:1,http://b:2',
  'http://a:1, ',
  'not a url',
  -1,
  0,
  1,
  15,
  16,
  510,
  511,
  1024,
  1025,
  65535,
  65536,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  2 ** 53,
  true,
  null,
  undefined,
  [],
  [''],
  ['*'],
  [1],
  {},
];

describe('config fast check', () => {
  it('accepts no edge value of any key that the zod schema refuses', () => {
    for (const k of KEYS) {
      for (const v of EDGES) {
        const layer = { [k]: v };
        if (plainlyValid(layer))
          expect([k, v, configSchema().partial().safeParse(layer).success]).toEqual([k, v, true]);
      }
    }
  });

  it('accepts only layers the zod schema accepts', async () => {
    // The 5,000 layers it always tried (0.4 s on an idle machine), then more while 5 s last.
    await assertWithinBudget(
      { runs: 20_000, minRuns: 5000, seconds: 5 },
      [fc.dictionary(key, value, { maxKeys: 4 })],
      (layer) => {
        if (plainlyValid(layer)) expect(configSchema().partial().safeParse(layer).success).toBe(true);
      },
    );
  });

  it('vouches for the usual layers, so they never load zod', () => {
    expect(plainlyValid({})).toBe(true);
    expect(plainlyValid({ indexDir: '/tmp/index' })).toBe(true);
    expect(
      plainlyValid({ port: 9000, dtype: 'q8', corsOrigins: ['*'], esUrl: 'http://a:1,http://b:2' }),
    ).toBe(true);
    const { apiKey: _none, ...defaults } = DEFAULTS;
    expect(plainlyValid(defaults)).toBe(true);
    expect(configSchema().partial().safeParse(defaults).success).toBe(true);
  });

  it('leaves every doubtful layer to the schema', () => {
    expect(plainlyValid({ indxDir: '/tmp/x' })).toBe(false);
    expect(plainlyValid({ port: 70000 })).toBe(false);
    expect(plainlyValid({ batchSize: 0 })).toBe(false);
    expect(plainlyValid({ logLevel: 'loud' })).toBe(false);
    expect(plainlyValid({ toString: '/tmp/x' })).toBe(false);
  });
});
