/** An API key must be a key: not blank, not padded, and long enough on a bind beyond loopback. */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { startHttpServer } from '../../src/serve/http/index.js';

describe('API key', () => {
  it('refuses a blank or padded key wherever it comes from', () => {
    for (const key of [' ', '   ', ' padded-key-0123456789', 'tab\t'])
      expect(() => resolveConfig({}, { SEMSEARCH_API_KEY: key })).toThrowError(
        expect.objectContaining({
          code: 'BAD_CONFIG',
          message: expect.stringContaining('SEMSEARCH_API_KEY'),
        }),
      );
    expect(resolveConfig({}, { SEMSEARCH_API_KEY: 'k' }).apiKey).toBe('k');
  });

  it('refuses to listen beyond loopback with a short key, before opening anything', async () => {
    // Refused before the index is opened or a socket listens (the unit tier allows neither).
    await expect(
      startHttpServer({ host: '0.0.0.0', apiKey: 'short-key', indexDir: '/nonexistent/semsearch' }),
    ).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: expect.stringMatching(/at least 16 characters/),
    });
  });
});
