/**
 * Making the write lock on a full disk or in a read-only folder: DISK_FULL or INDEX_READ_ONLY
 * saying what to do (HTTP 507 / 503, not a 500), the file descriptor closed, no empty lock left.
 */
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireWriteLock, LOCK_FILE, type LockFileSystem } from '../../src/backends/embedded/write-lock.js';
import { ERROR_CODES } from '../../src/errors.js';
import { tempDir } from '../helpers.js';

const failure = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

describe('write lock on a full disk or a read-only folder', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('a full disk is DISK_FULL; the descriptor is closed and no empty lock is left', () => {
    const open: number[] = [];
    const fs: LockFileSystem = {
      openSync: (path, flags) => {
        const fd = openSync(path, flags);
        open.push(fd);
        return fd;
      },
      writeSync: () => {
        throw failure('ENOSPC');
      },
      closeSync: (fd) => {
        closeSync(fd);
        open.splice(open.indexOf(fd), 1);
      },
    };
    expect(() => acquireWriteLock(tmp.dir, fs)).toThrowError(
      expect.objectContaining({
        code: 'DISK_FULL',
        message: expect.stringMatching(/disk is full.*free space/),
      }),
    );
    expect(ERROR_CODES.DISK_FULL).toBe(507);
    expect(open).toEqual([]);
    expect(existsSync(join(tmp.dir, LOCK_FILE))).toBe(false);
    // The next writer, with space again, takes the lock at once.
    acquireWriteLock(tmp.dir)();
  });

  it('a read-only folder is INDEX_READ_ONLY', () => {
    for (const code of ['EROFS', 'EACCES']) {
      const fs: LockFileSystem = {
        openSync: () => {
          throw failure(code);
        },
        writeSync,
        closeSync,
      };
      expect(() => acquireWriteLock(tmp.dir, fs)).toThrowError(
        expect.objectContaining({ code: 'INDEX_READ_ONLY', message: expect.stringContaining(`(${code})`) }),
      );
    }
  });
});
