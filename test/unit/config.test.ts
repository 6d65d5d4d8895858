import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULTS, resolveConfig } from '../../src/config.js';
import { tempDir } from '../helpers.js';

describe('configuration', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const file = (name: string, value: unknown) => {
    const path = join(tmp.dir, name);
    writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
    return path;
  };

  it('takes option > environment > file > default, and records what was chosen', () => {
    const configFile = file('ok.json', { batchSize: 8, dtype: 'fp32', logLevel: 'debug' });
    const config = resolveConfig(
      { configFile, batchSize: 4 },
      { SEMSEARCH_DTYPE: 'q8', SEMSEARCH_PORT: '9000' },
    );
    expect(config).toMatchObject({
      batchSize: 4,
      dtype: 'q8',
      logLevel: 'debug',
      port: 9000,
      model: 'default',
    });
    expect([...config.chosen].sort()).toEqual(['batchSize', 'dtype', 'logLevel', 'port']);
    expect(resolveConfig({}, {}).chosen).toEqual([]);
  });

  it('refuses a misspelled key in the config file, naming it', () => {
    const configFile = file('typo.json', { indxDir: '/tmp/x' });
    expect(() => resolveConfig({ configFile }, {})).toThrowError(
      expect.objectContaining({ code: 'BAD_CONFIG', message: expect.stringContaining('"indxDir"') }),
    );
  });

  it('refuses bad values wherever they come from, naming the key', () => {
    expect(() => resolveConfig({}, { SEMSEARCH_LOG_LEVEL: 'loud' })).toThrowError(
      expect.objectContaining({
        code: 'BAD_CONFIG',
        message: expect.stringContaining('SEMSEARCH_LOG_LEVEL'),
      }),
    );
    expect(() => resolveConfig({}, { SEMSEARCH_PORT: 'eighty' })).toThrowError(
      expect.objectContaining({ code: 'BAD_CONFIG', message: expect.stringContaining('SEMSEARCH_PORT') }),
    );
    const configFile = file('bad.json', { batchSize: 0 });
    expect(() => resolveConfig({ configFile }, {})).toThrowError(
      expect.objectContaining({ code: 'BAD_CONFIG', message: expect.stringContaining('batchSize') }),
    );
    expect(() => resolveConfig({ port: 70000 }, {})).toThrowError(
      expect.objectContaining({ code: 'BAD_CONFIG', message: expect.stringContaining('port') }),
    );
    expect(() => resolveConfig({ configFile: file('list.json', '[1]') }, {})).toThrowError(
      expect.objectContaining({ code: 'BAD_CONFIG' }),
    );
    expect(() => resolveConfig({ configFile: file('broken.json', '{') }, {})).toThrowError(
      expect.objectContaining({ code: 'MALFORMED_JSON' }),
    );
  });

  it('accepts its own defaults in a config file, and refuses values at the edges of each rule', () => {
    const { apiKey: _none, ...defaults } = DEFAULTS;
    expect(resolveConfig({ configFile: file('defaults.json', defaults) }, {}).chosen).toHaveLength(
      Object.keys(defaults).length,
    );
    const refused: Array<Record<string, unknown>> = [
      { toString: '/tmp/x' },
      { indexDir: '' },
      { dtype: 'Q8' },
      { batchSize: 1.5 },
      { chunkMaxTokens: 511 },
      { corsOrigins: [''] },
      { esUrl: 'http://a:1, ' },
      { esIndex: 'Upper' },
      { searchWorkers: null },
    ];
    for (const layer of refused) {
      expect(
        () => resolveConfig({ configFile: file('edge.json', layer) }, {}),
        JSON.stringify(layer),
      ).toThrowError(
        expect.objectContaining({
          code: 'BAD_CONFIG',
          message: expect.stringContaining(Object.keys(layer)[0] as string),
        }),
      );
    }
  });

  it('reads allowPrivateHosts as a boolean from the environment and files', () => {
    expect(resolveConfig({}, {}).allowPrivateHosts).toBe(false);
    for (const [raw, value] of [
      ['1', true],
      ['true', true],
      ['0', false],
      ['false', false],
    ] as const)
      expect(resolveConfig({}, { SEMSEARCH_ALLOW_PRIVATE_HOSTS: raw }).allowPrivateHosts).toBe(value);
    expect(() => resolveConfig({}, { SEMSEARCH_ALLOW_PRIVATE_HOSTS: 'yes please' })).toThrowError(
      expect.objectContaining({
        code: 'BAD_CONFIG',
        message: expect.stringContaining('SEMSEARCH_ALLOW_PRIVATE_HOSTS'),
      }),
    );
    expect(
      resolveConfig({ configFile: file('private.json', { allowPrivateHosts: true }) }, {}).allowPrivateHosts,
    ).toBe(true);
  });
});
