/** Upkeep of the embedded index: one writer at a time (in this process and across processes), and SQLite's integrity check. */
import type Database from 'better-sqlite3';
import { SearchError } from '../../errors.js';
import { serialQueue } from '../../serial.js';
import type { IndexMaintenance } from '../chunk-store.js';
import { acquireWriteLock } from './write-lock.js';

export function createMaintenance(db: Database.Database, dir: string): IndexMaintenance {
  const oneWriter = serialQueue();
  return {
    location: dir,
    withWriteLock<T>(fn: () => Promise<T>): Promise<T> {
      if (db.readonly) {
        return Promise.reject(
          new SearchError(
            'INDEX_READ_ONLY',
            `The index in ${dir} is open read-only (it cannot be written); searching works, but to change it give the folder write permission or use --index with a writable folder.`,
          ),
        );
      }
      const run = async () => {
        const release = acquireWriteLock(dir);
        try {
          return await fn();
        } finally {
          release();
        }
      };
      return oneWriter(run);
    },
    integrityCheck: async () => String(db.pragma('integrity_check', { simple: true })),
  };
}
