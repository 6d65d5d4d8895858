/** Opening the index database: new, empty, migrated or damaged, each with a clear outcome. */
import { mkdirSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { SearchError } from '../../errors.js';
import { DDL, migrate, translateSqliteError } from './sqlite-schema.js';

/** How long a statement waits for another connection's write before failing. */
const BUSY_TIMEOUT_MS = 10_000;

export interface OpenOptions {
  dir: string;
  mustExist?: boolean;
  log?: (line: string) => void;
}

export function fileSize(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

export function openDatabase(options: OpenOptions, path: string): Database.Database {
  const { dir } = options;
  const size = fileSize(path);
  if ((size === undefined || size === 0) && options.mustExist) {
    throw new SearchError(
      'INDEX_NOT_FOUND',
      `No index in ${dir}; build one with "semsearch ingest [paths] --index ${dir}".`,
    );
  }
  if (size === 0 && fileSize(`${path}-wal`) === undefined) {
    // A crash between creating the file and writing the schema leaves 0 bytes: nothing to lose.
    options.log?.(`${path} was empty (0 bytes); starting a new index there`);
  }
  mkdirSync(dir, { recursive: true });
  try {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.exec(DDL);
    migrate(db, dir);
    return db;
  } catch (cause) {
    if (cause instanceof SearchError) throw cause;
    const translated = translateSqliteError(cause, path);
    if (translated instanceof SearchError) throw translated;
    throw new SearchError(
      'INDEX_CORRUPT',
      `${path} cannot be opened as a semsearch index (${(cause as Error).message}); move it away and re-ingest.`,
      { cause },
    );
  }
}
