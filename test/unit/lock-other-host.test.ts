/**
 * A write lock from another host (or a container under a new host name) cannot be checked by
 * pid: it lives while its writer touches it, and lapses once it has not been touched for
 * LOCK_STALE_MS, instead of refusing writes for ever.
 */
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  acquireWriteLock,
  LOCK_FILE,
  LOCK_HEARTBEAT_MS,
  LOCK_STALE_MS,
} from '../../src/backends/embedded/write-lock.js';
import { tempDir } from '../helpers.js';

describe('a lock from another host', () => {
  const tmp = tempDir();
  const path = join(tmp.dir, LOCK_FILE);
  const foreign = () =>
    writeFileSync(path, JSON.stringify({ pid: process.pid, host: 'another-host', token: 'theirs' }));
  afterEach(() => vi.useRealTimers());
  afterAll(() => tmp.cleanup());

  it('holds while it is fresh, saying whose it is and what to do', () => {
    foreign();
    expect(() => acquireWriteLock(tmp.dir)).toThrowError(
      expect.objectContaining({
        code: 'INDEX_LOCKED',
        message: expect.stringMatching(/host another-host .*delete .*write\.lock if no semsearch runs there/),
      }),
    );
  });

  it('lapses once untouched for LOCK_STALE_MS', () => {
    foreign();
    const old = new Date(Date.now() - LOCK_STALE_MS - 1000);
    utimesSync(path, old, old);
    const release = acquireWriteLock(tmp.dir);
    expect(JSON.parse(readFileSync(path, 'utf8')).token).not.toBe('theirs');
    release();
  });

  it('is touched by its writer every LOCK_HEARTBEAT_MS', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const release = acquireWriteLock(tmp.dir);
    const old = new Date(Date.now() - LOCK_STALE_MS);
    utimesSync(path, old, old);
    vi.advanceTimersByTime(LOCK_HEARTBEAT_MS);
    expect(Date.now() - statSync(path).mtimeMs).toBeLessThan(LOCK_HEARTBEAT_MS);
    release();
  });
});
