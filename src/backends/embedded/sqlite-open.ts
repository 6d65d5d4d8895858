/**
 * Opening the index database: new, empty, migrated or damaged, each with a clear outcome. An
 * index that cannot be written (a read-only copy, mount or permission) is opened for reading:
 * searching works, and a write is refused with INDEX_READ_ONLY.
 */
import { accessSync, constants, mkdirSync, readFileSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { SearchError } from '../../errors.js';
import { SCHEMA_VERSION } from '../chunk-store.js';
import { DDL, migrate, translateSqliteError } from './sqlite-schema.js';

/** How long a statement waits for another connection's write before failing. */
const BUSY_TIMEOUT_MS = 10_000;

export interface OpenOptions {
  dir: string;
  mustExist?: boolean;
  log?: (line: string) => void;
  /** Open for reading only. @default false: only when the folder or the database cannot be written */
  readOnly?: boolean | undefined;
}

export function fileSize(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/**
 * A WAL database's bytes as a read-only database in memory, for a copy whose -shm file is
 * missing in a folder that cannot be written (SQLite cannot open it in place). The header is
 * set to rollback mode in the copy only: memory databases have no WAL.
 */
export function openDatabaseImage(path: string): Database.Database {
  const image = readFileSync(path);
  if (image.length > 19) {
    image[18] = 1;
    image[19] = 1;
  }
  return new Database(image, { readonly: true });
}

const cannotWrite = (error: unknown) =>
  /^SQLITE_(READONLY|CANTOPEN)/.test(String((error as { code?: unknown }).code));

function openReadOnly(options: OpenOptions, path: string): Database.Database {
  if (!fileSize(path)) {
    throw new SearchError(
      'INDEX_READ_ONLY',
      `No index in ${options.dir}, and the folder cannot be written to make one; use --index with a writable folder.`,
    );
  }
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.prepare('SELECT count(*) FROM sqlite_master').get(); // WAL needs its -shm file from here on
  } catch (cause) {
    // SQLITE_CANTOPEN or SQLITE_READONLY_DIRECTORY: the -shm file can be neither opened nor made.
    if (!cannotWrite(cause)) throw cause;
    if ((fileSize(`${path}-wal`) ?? 0) > 0) {
      throw new SearchError(
        'INDEX_READ_ONLY',
        `${path}-wal holds changes the read-only folder cannot apply; copy the index with its -wal and -shm files, or open it once where it can be written.`,
        { cause },
      );
    }
    options.log?.(`${path} is read-only without its -shm file: reading it into memory`);
    db = openDatabaseImage(path);
  }
  const version = db
    .prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'schema_version'")
    .get()?.value;
  if (Number(version) !== SCHEMA_VERSION) {
    throw new SearchError(
      'INDEX_READ_ONLY',
      `The index in ${options.dir} has schema ${version ?? 'none'} and cannot be upgraded to ${SCHEMA_VERSION} read-only; open it once where it can be written.`,
    );
  }
  return db;
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
  const readOnly = options.readOnly === true || (size !== undefined && !(writable(dir) && writable(path)));
  try {
    if (readOnly) return openReadOnly(options, path);
    mkdirSync(dir, { recursive: true });
    const db = new Database(path);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      db.exec(DDL);
      migrate(db, dir);
    } catch (cause) {
      db.close();
      // Writable by its permissions but not in fact (a read-only mount seen by root): read it.
      if (size && cannotWrite(cause)) return openReadOnly(options, path);
      throw cause;
    }
    return db;
  } catch (cause) {
    if (cause instanceof SearchError) throw cause;
    if (['EROFS', 'EACCES', 'EPERM'].includes(String((cause as { code?: unknown }).code))) {
      throw new SearchError(
        'INDEX_READ_ONLY',
        `Cannot create the index in ${dir} (${(cause as Error).message}); use --index with a writable folder.`,
        { cause },
      );
    }
    const translated = translateSqliteError(cause, path);
    if (translated instanceof SearchError) throw translated;
    throw new SearchError(
      'INDEX_CORRUPT',
      `${path} cannot be opened as a semsearch index (${(cause as Error).message}); move it away and re-ingest.`,
      { cause },
    );
  }
}
