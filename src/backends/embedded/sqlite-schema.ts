/**
 * The SQLite layout of an index, its migration from older schemas, and the conversions between
 * rows and the store's types. Only the SQLite store modules import this.
 */
import type Database from 'better-sqlite3';
import { SearchError } from '../../errors.js';
import { SCHEMA_VERSION, type StoredArticle } from '../chunk-store.js';
import { addCopyColumns } from './sqlite-copies.js';

export const DDL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
  id TEXT PRIMARY KEY,
  source_path TEXT,
  collection TEXT,
  content_hash TEXT NOT NULL,
  title TEXT NOT NULL,
  place TEXT,
  date TEXT,
  source TEXT,
  metadata TEXT NOT NULL DEFAULT '{}',
  text TEXT NOT NULL,
  paragraphs TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  story TEXT,
  text_hash TEXT,
  sketch BLOB,
  statements_version INTEGER
);
CREATE TABLE IF NOT EXISTS passages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  paragraph INTEGER NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  text TEXT NOT NULL,
  embedding BLOB NOT NULL,
  generation INTEGER NOT NULL DEFAULT 0,
  embed_key TEXT
);
CREATE INDEX IF NOT EXISTS passages_article ON passages(article_id);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(title, text, tokenize = 'porter unicode61');
CREATE TABLE IF NOT EXISTS commits (generation INTEGER PRIMARY KEY, token TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS removed_passages (id INTEGER NOT NULL, generation INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS statements (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  speaker TEXT NOT NULL,
  as_written TEXT NOT NULL,
  roles TEXT NOT NULL,
  known_as TEXT NOT NULL,
  text TEXT NOT NULL,
  kind TEXT NOT NULL,
  cue TEXT NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  paragraph INTEGER NOT NULL,
  PRIMARY KEY (article_id, ordinal)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS statements_speaker ON statements(speaker);
`;

/** Indexes that need columns a schema-1 database gains only in `migrate`. */
const LATE_DDL = `
CREATE INDEX IF NOT EXISTS passages_generation ON passages(generation);
CREATE INDEX IF NOT EXISTS removed_passages_generation ON removed_passages(generation);
CREATE INDEX IF NOT EXISTS articles_collection ON articles(collection);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story);
CREATE INDEX IF NOT EXISTS passages_embed_key ON passages(embed_key);
CREATE INDEX IF NOT EXISTS articles_statements_version ON articles(statements_version);
`;

/**
 * Schema 3: the collection as a column (filters and listings by collection use its index),
 * filled from the metadata key `collection` that watch and follow wrote before.
 */
function addCollectionColumn(db: Database.Database): void {
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(articles)').all();
  if (columns.some((c) => c.name === 'collection')) return;
  db.exec('ALTER TABLE articles ADD COLUMN collection TEXT');
  db.exec("UPDATE articles SET collection = json_extract(metadata, '$.collection')");
}

/**
 * Schema 4: no whole-article BM25 index. Schemas 2 and 3 kept one (articles_fts) that ranking
 * gave weight 0 after measurement, yet every ingest still wrote it.
 */
function dropArticleIndex(db: Database.Database): void {
  db.exec('DROP TABLE IF EXISTS articles_fts');
}

/**
 * Schema 6: statements stored at ingest. The table is made by DDL; an article's
 * `statements_version` is null until its statements are read (the engine reads an older
 * index's articles when it next opens it for writing, with progress: no re-embedding).
 */
function addStatementsVersion(db: Database.Database): void {
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(articles)').all();
  if (columns.some((c) => c.name === 'statements_version')) return;
  db.exec('ALTER TABLE articles ADD COLUMN statements_version INTEGER');
}

/** Bring a schema-1 to -5 index up to the current schema in place. */
export function migrate(db: Database.Database, dir: string): void {
  const row = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'schema_version'").get();
  const version = row ? Number(row.value) : undefined;
  if (version !== undefined && version >= 1 && version < SCHEMA_VERSION) {
    db.transaction(() => {
      const columns = db.prepare<[], { name: string }>('PRAGMA table_info(passages)').all();
      if (!columns.some((c) => c.name === 'generation')) {
        db.exec('ALTER TABLE passages ADD COLUMN generation INTEGER NOT NULL DEFAULT 0');
      }
      addCollectionColumn(db);
      dropArticleIndex(db);
      addCopyColumns(db);
      addStatementsVersion(db);
      db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(String(SCHEMA_VERSION));
    })();
  } else if (version !== undefined && version !== SCHEMA_VERSION) {
    throw new SearchError(
      'INDEX_SCHEMA_MISMATCH',
      `The index in ${dir} has schema version ${version}, this semsearch uses ${SCHEMA_VERSION}; delete the folder and re-ingest (semsearch ingest --index ${dir}).`,
    );
  }
  db.exec(LATE_DDL);
}

export interface ArticleRow {
  id: string;
  source_path: string | null;
  collection: string | null;
  content_hash: string;
  title: string;
  place: string | null;
  date: string | null;
  source: string | null;
  metadata: string;
  text: string;
  paragraphs: string;
  updated_at: string;
  passage_count: number;
}

export interface PassageRow {
  id: number;
  article_id: string;
  ordinal: number;
  paragraph: number;
  start: number;
  end: number;
  text: string;
  title: string;
  place: string | null;
  date: string | null;
  source: string | null;
  collection: string | null;
}

export function toBlob(v: Float32Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

export function fromBlob(b: Buffer): Float32Array {
  // Copy: a Buffer from SQLite need not be 4-byte aligned.
  const out = new Float32Array(b.byteLength / 4);
  new Uint8Array(out.buffer).set(b);
  return out;
}

export function articleFromRow(row: ArticleRow): StoredArticle {
  const spans = JSON.parse(row.paragraphs) as Array<[number, number]>;
  return {
    id: row.id,
    title: row.title,
    text: row.text,
    paragraphs: spans.map(([start, end], index) => ({ index, start, end })),
    place: row.place,
    date: row.date,
    source: row.source,
    sourcePath: row.source_path,
    collection: row.collection,
    contentHash: row.content_hash,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    passageCount: row.passage_count,
    updatedAt: row.updated_at,
  };
}

/**
 * SQLite's own failures in words a user can act on: a damaged file, a read-only folder, a full
 * disk. Anything else passes through unchanged.
 */
export function translateSqliteError(error: unknown, path: string): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new SearchError(
      'INDEX_CORRUPT',
      `The index database ${path} is damaged (${code}); move the index folder away and re-ingest your files.`,
      { cause: error },
    );
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) {
    return new SearchError(
      'INDEX_READ_ONLY',
      `The index ${path} cannot be written (${code}); searching works, but to ingest give the index folder write permission or use --index with a writable folder.`,
      { cause: error },
    );
  }
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR')) {
    return new SearchError(
      'DISK_FULL',
      `Writing the index ${path} failed (${code}); free disk space, then run the ingest again (what was committed is kept).`,
      { cause: error },
    );
  }
  return error;
}
