import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSourceStatus, SOURCES_FILE, updateSourceStatus } from '../../src/subscriptions/index.js';
import { tempDir } from '../helpers.js';

describe('source status', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('keeps a field the patch leaves undefined, and adds errors up', () => {
    updateSourceStatus(tmp.dir, 'feed', 'https://example.org/rss', {
      collection: 'news',
      lastCheck: '2024-01-01T00:00:00Z',
      lastChange: '2024-01-01T00:00:00Z',
      addErrors: 1,
      lastError: 'timeout',
    });
    updateSourceStatus(tmp.dir, 'feed', 'https://example.org/rss', {
      lastCheck: '2024-01-02T00:00:00Z',
      lastChange: undefined,
      addErrors: 0,
      lastError: undefined,
    });
    expect(readSourceStatus(tmp.dir)).toEqual([
      {
        kind: 'feed',
        location: 'https://example.org/rss',
        collection: 'news',
        lastCheck: '2024-01-02T00:00:00Z',
        lastChange: '2024-01-01T00:00:00Z',
        errors: 1,
        lastError: 'timeout',
        articles: 0,
      },
    ]);
    // null is a value: it is written, unlike undefined.
    updateSourceStatus(tmp.dir, 'feed', 'https://example.org/rss', { lastError: null });
    expect(JSON.parse(readFileSync(join(tmp.dir, SOURCES_FILE), 'utf8')).sources[0].lastError).toBeNull();
  });
});
