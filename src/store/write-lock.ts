/**
 * One writer per index folder: a lock file created exclusively, holding the writer's pid.
 * A lock left by a process that no longer exists is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SearchError } from '../errors.js';

export const LOCK_FILE = 'write.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireWriteLock(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && alive(holder) && holder !== process.pid) {
        throw new SearchError(
          'INDEX_LOCKED',
          `Another process (pid ${holder}) is writing to the index in ${dir}; wait for it to finish, then try again.`,
          { details: { pid: holder } },
        );
      }
      // Stale: its writer is gone (writes inside one process are queued, so our own pid is stale too).
      rmSync(path, { force: true });
    }
  }
  throw new SearchError(
    'INDEX_LOCKED',
    `Could not take the write lock ${path}; remove it if no semsearch process is running.`,
  );
}
