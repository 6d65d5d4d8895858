/**
 * The ChunkStore on SQLite (better-sqlite3, WAL): articles, passages with float32 embeddings,
 * an FTS5 index (porter stemming, so "Kurils" finds "Kuril") and the index manifest.
 * The only module that imports better-sqlite3.
 */
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SearchError } from '../errors.js';
import type { Article } from '../ingest/index.js';
import {
  type ChunkStore,
  type IndexManifest,
  type LexicalHit,
  type PassageWrite,
  type ReplaceResult,
  SCHEMA_VERSION,
  type SearchFilters,
  type StoredArticle,
  type StoredPassage,
} from './chunk-store.js';
import { buildFtsQuery } from './fts-query.js';
import { acquireWriteLock } from './write-lock.js';

export const DATABASE_FILE = 'semsearch.db';
/** How long a statement waits for another connection's write before failing. */
const BUSY_TIMEOUT_MS = 10_000;
/** FTS5 bm25 column weights: title, text. */
const BM25_WEIGHTS = [1.0, 1.0] as const;

const DDL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
  id TEXT PRIMARY KEY,
  source_path TEXT,
  content_hash TEXT NOT NULL,
  title TEXT NOT NULL,
  place TEXT,
  date TEXT,
  source TEXT,
  metadata TEXT NOT NULL DEFAULT '{}',
  text TEXT NOT NULL,
  paragraphs TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS passages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  paragraph INTEGER NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  text TEXT NOT NULL,
  embedding BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_article ON passages(article_id);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(title, text, tokenize = 'porter unicode61');
`;

interface ArticleRow {
  id: string;
  source_path: string | null;
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

interface PassageRow {
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
}

export interface SqliteStoreOptions {
  /** The index folder; created if missing unless `mustExist`. */
  dir: string;
  /** Fail with INDEX_NOT_FOUND instead of creating a new index. @default false */
  mustExist?: boolean;
}

function toBlob(v: Float32Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

function fromBlob(b: Buffer): Float32Array {
  // Copy: a Buffer from SQLite need not be 4-byte aligned.
  const out = new Float32Array(b.byteLength / 4);
  new Uint8Array(out.buffer).set(b);
  return out;
}

export function createSqliteStore(options: SqliteStoreOptions): ChunkStore {
  const { dir } = options;
  const path = join(dir, DATABASE_FILE);
  let exists = true;
  try {
    statSync(path);
  } catch {
    exists = false;
  }
  if (!exists && options.mustExist) {
    throw new SearchError(
      'INDEX_NOT_FOUND',
      `No index in ${dir}; build one with "semsearch ingest [paths] --index ${dir}".`,
    );
  }
  mkdirSync(dir, { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.exec(DDL);
  } catch (cause) {
    throw new SearchError(
      'INDEX_SCHEMA_MISMATCH',
      `${path} cannot be opened as a semsearch index: ${(cause as Error).message}. Move it away and re-ingest.`,
      {
        cause,
      },
    );
  }

  const stmt = {
    getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
    setMeta: db.prepare<[string, string]>(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ),
    hashes: db.prepare<[], { id: string; content_hash: string }>('SELECT id, content_hash FROM articles'),
    passageIdsOf: db.prepare<[string], { id: number }>('SELECT id FROM passages WHERE article_id = ?'),
    deleteFts: db.prepare<[string]>(
      'DELETE FROM passages_fts WHERE rowid IN (SELECT id FROM passages WHERE article_id = ?)',
    ),
    deletePassages: db.prepare<[string]>('DELETE FROM passages WHERE article_id = ?'),
    deleteArticle: db.prepare<[string]>('DELETE FROM articles WHERE id = ?'),
    upsertArticle:
      db.prepare(`INSERT INTO articles (id, source_path, content_hash, title, place, date, source, metadata, text, paragraphs, updated_at)
      VALUES (@id, @sourcePath, @hash, @title, @place, @date, @source, @metadata, @text, @paragraphs, @updatedAt)
      ON CONFLICT(id) DO UPDATE SET source_path = excluded.source_path, content_hash = excluded.content_hash, title = excluded.title,
        place = excluded.place, date = excluded.date, source = excluded.source, metadata = excluded.metadata, text = excluded.text,
        paragraphs = excluded.paragraphs, updated_at = excluded.updated_at`),
    insertPassage: db.prepare(
      'INSERT INTO passages (article_id, ordinal, paragraph, start, end, text, embedding) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    insertFts: db.prepare<[number, string, string]>(
      'INSERT INTO passages_fts (rowid, title, text) VALUES (?, ?, ?)',
    ),
    article: db.prepare<[string], ArticleRow>(
      'SELECT a.*, (SELECT count(*) FROM passages p WHERE p.article_id = a.id) AS passage_count FROM articles a WHERE a.id = ?',
    ),
    embeddings: db.prepare<[], { id: number; embedding: Buffer }>(
      'SELECT id, embedding FROM passages ORDER BY id',
    ),
    ids: db.prepare<[], { id: number }>('SELECT id FROM passages ORDER BY id'),
    counts: db.prepare<[], { articles: number; passages: number }>(
      'SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM passages) AS passages',
    ),
  };

  const generation = () => Number(stmt.getMeta.get('generation')?.value ?? 0);
  const bumpGeneration = () => {
    const next = generation() + 1;
    stmt.setMeta.run('generation', String(next));
    return next;
  };

  const removeArticle = (id: string): number[] => {
    const ids = stmt.passageIdsOf.all(id).map((r) => r.id);
    stmt.deleteFts.run(id);
    stmt.deletePassages.run(id);
    stmt.deleteArticle.run(id);
    return ids;
  };

  const replaceTx = db.transaction(
    (article: Article, hash: string, passages: readonly PassageWrite[]): ReplaceResult => {
      const removedPassageIds = stmt.passageIdsOf.all(article.id).map((r) => r.id);
      stmt.deleteFts.run(article.id);
      stmt.deletePassages.run(article.id);
      stmt.upsertArticle.run({
        id: article.id,
        sourcePath: article.sourcePath ?? null,
        hash,
        title: article.title,
        place: article.place ?? null,
        date: article.date ?? null,
        source: article.source ?? null,
        metadata: JSON.stringify(article.metadata),
        text: article.text,
        paragraphs: JSON.stringify(article.paragraphs.map((p) => [p.start, p.end])),
        updatedAt: new Date().toISOString(),
      });
      const added: ReplaceResult['added'] = [];
      for (const { draft, embedding } of passages) {
        const info = stmt.insertPassage.run(
          article.id,
          draft.ordinal,
          draft.paragraph,
          draft.start,
          draft.end,
          draft.text,
          toBlob(embedding),
        );
        const id = Number(info.lastInsertRowid);
        stmt.insertFts.run(id, article.title, draft.text);
        added.push({ id, embedding });
      }
      return { removedPassageIds, added, generation: bumpGeneration() };
    },
  );

  const deleteTx = db.transaction((ids: readonly string[]) => {
    const removedPassageIds = ids.flatMap(removeArticle);
    return { removedPassageIds, generation: bumpGeneration() };
  });

  let writeQueue: Promise<unknown> = Promise.resolve();

  const filterSql = (filters: SearchFilters): { where: string[]; params: unknown[] } => {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filters.articleIds && filters.articleIds.length > 0) {
      where.push(`a.id IN (${filters.articleIds.map(() => '?').join(',')})`);
      params.push(...filters.articleIds);
    }
    if (filters.source) {
      where.push('a.source = ? COLLATE NOCASE');
      params.push(filters.source);
    }
    if (filters.dateFrom) {
      where.push('a.date >= ?');
      params.push(filters.dateFrom);
    }
    if (filters.dateTo) {
      where.push('a.date <= ?');
      params.push(filters.dateTo);
    }
    for (const [key, value] of Object.entries(filters.metadata ?? {})) {
      where.push("CAST(json_extract(a.metadata, '$.' || json_quote(?)) AS TEXT) = ?");
      params.push(key, String(value === true ? 1 : value === false ? 0 : value));
    }
    return { where, params };
  };

  const store: ChunkStore = {
    dir,
    manifest() {
      const raw = stmt.getMeta.get('manifest')?.value;
      return raw ? (JSON.parse(raw) as IndexManifest) : undefined;
    },
    initManifest(manifest) {
      db.transaction(() => {
        stmt.setMeta.run('manifest', JSON.stringify(manifest));
        stmt.setMeta.run('schema_version', String(SCHEMA_VERSION));
        if (!stmt.getMeta.get('generation')) stmt.setMeta.run('generation', '0');
      })();
    },
    generation,
    articleHashes() {
      return new Map(stmt.hashes.all().map((r) => [r.id, r.content_hash]));
    },
    replaceArticle(article, contentHash, passages) {
      return replaceTx(article, contentHash, passages);
    },
    deleteArticles(ids) {
      return deleteTx(ids);
    },
    getArticle(id) {
      const row = stmt.article.get(id);
      if (!row) return undefined;
      const spans = JSON.parse(row.paragraphs) as Array<[number, number]>;
      const article: StoredArticle = {
        id: row.id,
        title: row.title,
        text: row.text,
        paragraphs: spans.map(([start, end], index) => ({ index, start, end })),
        place: row.place,
        date: row.date,
        source: row.source,
        sourcePath: row.source_path,
        contentHash: row.content_hash,
        metadata: JSON.parse(row.metadata) as Record<string, unknown>,
        passageCount: row.passage_count,
        updatedAt: row.updated_at,
      };
      return article;
    },
    getPassages(ids) {
      if (ids.length === 0) return [];
      const rows = db
        .prepare<unknown[], PassageRow>(
          `SELECT p.id, p.article_id, p.ordinal, p.paragraph, p.start, p.end, p.text, a.title, a.place, a.date, a.source
           FROM passages p JOIN articles a ON a.id = p.article_id WHERE p.id IN (${ids.map(() => '?').join(',')})`,
        )
        .all(...ids);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.flatMap((id) => {
        const r = byId.get(id);
        if (!r) return [];
        const passage: StoredPassage = {
          id: r.id,
          articleId: r.article_id,
          ordinal: r.ordinal,
          paragraph: r.paragraph,
          start: r.start,
          end: r.end,
          text: r.text,
          title: r.title,
          place: r.place,
          date: r.date,
          source: r.source,
        };
        return [passage];
      });
    },
    filterPassageIds(filters) {
      const { where, params } = filterSql(filters);
      if (where.length === 0) return undefined;
      const rows = db
        .prepare<unknown[], { id: number }>(
          `SELECT p.id FROM passages p JOIN articles a ON a.id = p.article_id WHERE ${where.join(' AND ')}`,
        )
        .all(...params);
      return new Set(rows.map((r) => r.id));
    },
    lexicalSearch(text, limit, allowed) {
      const match = buildFtsQuery(text);
      if (!match || limit <= 0) return [];
      const rows = db
        .prepare<[string, number], { id: number; score: number }>(
          `SELECT rowid AS id, bm25(passages_fts, ${BM25_WEIGHTS.join(', ')}) AS score FROM passages_fts
           WHERE passages_fts MATCH ? ORDER BY score LIMIT ?`,
        )
        .all(match, allowed ? Math.max(limit * 4, 1000) : limit);
      const hits: LexicalHit[] = [];
      for (const r of rows) {
        if (allowed && !allowed.has(r.id)) continue;
        hits.push({ passageId: r.id, bm25: r.score });
        if (hits.length >= limit) break;
      }
      return hits;
    },
    getEmbeddings(ids) {
      if (ids.length === 0) return new Map();
      const rows = db
        .prepare<unknown[], { id: number; embedding: Buffer }>(
          `SELECT id, embedding FROM passages WHERE id IN (${ids.map(() => '?').join(',')})`,
        )
        .all(...ids);
      return new Map(rows.map((r) => [r.id, fromBlob(r.embedding)]));
    },
    *embeddings() {
      for (const row of stmt.embeddings.iterate()) yield { id: row.id, embedding: fromBlob(row.embedding) };
    },
    passageIds() {
      return stmt.ids.all().map((r) => r.id);
    },
    stats() {
      const c = stmt.counts.get() ?? { articles: 0, passages: 0 };
      let bytes = 0;
      for (const f of [path, `${path}-wal`]) {
        try {
          bytes += statSync(f).size;
        } catch {
          /* absent WAL is fine */
        }
      }
      return { articles: c.articles, passages: c.passages, generation: generation(), databaseBytes: bytes };
    },
    withWriteLock<T>(fn: () => Promise<T>): Promise<T> {
      const run = async () => {
        const release = acquireWriteLock(dir);
        try {
          return await fn();
        } finally {
          release();
        }
      };
      const result = writeQueue.then(run, run);
      writeQueue = result.catch(() => undefined);
      return result;
    },
    integrityCheck() {
      return String(db.pragma('integrity_check', { simple: true }));
    },
    close() {
      db.close();
    },
  };
  const schema = stmt.getMeta.get('schema_version')?.value;
  if (schema !== undefined && Number(schema) !== SCHEMA_VERSION) {
    db.close();
    throw new SearchError(
      'INDEX_SCHEMA_MISMATCH',
      `The index in ${dir} has schema version ${schema}, this semsearch uses ${SCHEMA_VERSION}; delete the folder and re-ingest (semsearch ingest --index ${dir}).`,
    );
  }
  return store;
}
