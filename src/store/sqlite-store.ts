/**
 * The ChunkStore on SQLite (better-sqlite3, WAL): articles, passages with float32 embeddings,
 * an FTS5 index (porter stemming, so "Kurils" finds "Kuril"), the manifest, and the write
 * lineage (a token per commit, removed passage ids) that the derived HNSW graph is checked
 * against. The only module that opens a database.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SearchError } from '../errors.js';
import type { EmbeddingSource } from '../vectors/embedding-source.js';
import type {
  ArticleWrite,
  ChunkStore,
  IndexMaintenance,
  IndexManifest,
  StoreChange,
} from './chunk-store.js';
import { buildFtsQuery } from './fts-query.js';
import { filterSql } from './sqlite-filters.js';
import {
  type ArticleRow,
  articleFromRow,
  DDL,
  fromBlob,
  migrate,
  type PassageRow,
  passageFromRow,
  toBlob,
  translateSqliteError,
} from './sqlite-schema.js';
import { acquireWriteLock } from './write-lock.js';

export const DATABASE_FILE = 'semsearch.db';
/** How long a statement waits for another connection's write before failing. */
const BUSY_TIMEOUT_MS = 10_000;
/** FTS5 bm25 column weights: title, text. */
const BM25_WEIGHTS = [1.0, 1.0] as const;

export interface SqliteStoreOptions {
  /** The index folder; created if missing unless `mustExist`. */
  dir: string;
  /** Fail with INDEX_NOT_FOUND instead of creating a new index. @default false */
  mustExist?: boolean;
  log?: (line: string) => void;
}

/** The embedded store: the ChunkStore, the lineage the HNSW graph is checked against, and upkeep. */
export interface SqliteStore extends ChunkStore {
  readonly dir: string;
  readonly source: EmbeddingSource;
  readonly maintenance: IndexMaintenance;
}

function fileSize(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

function openDatabase(options: SqliteStoreOptions, path: string): Database.Database {
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

export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const { dir } = options;
  const path = join(dir, DATABASE_FILE);
  const db = openDatabase(options, path);
  const guard =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R => {
      try {
        return fn(...args);
      } catch (error) {
        throw translateSqliteError(error, path);
      }
    };

  const stmt = {
    getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
    setMeta: db.prepare<[string, string]>(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ),
    addCommit: db.prepare<[number, string]>(
      'INSERT OR REPLACE INTO commits (generation, token) VALUES (?, ?)',
    ),
    commit: db.prepare<[number], { token: string }>('SELECT token FROM commits WHERE generation = ?'),
    hashes: db.prepare<[], { id: string; content_hash: string }>('SELECT id, content_hash FROM articles'),
    passageIdsOf: db.prepare<[string], { id: number }>('SELECT id FROM passages WHERE article_id = ?'),
    deleteFts: db.prepare<[string]>(
      'DELETE FROM passages_fts WHERE rowid IN (SELECT id FROM passages WHERE article_id = ?)',
    ),
    logRemoved: db.prepare<[number, string]>(
      'INSERT INTO removed_passages (id, generation) SELECT id, ? FROM passages WHERE article_id = ?',
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
      'INSERT INTO passages (article_id, ordinal, paragraph, start, end, text, embedding, generation) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    insertFts: db.prepare<[number, string, string]>(
      'INSERT INTO passages_fts (rowid, title, text) VALUES (?, ?, ?)',
    ),
    article: db.prepare<[string], ArticleRow>(
      'SELECT a.*, (SELECT count(*) FROM passages p WHERE p.article_id = a.id) AS passage_count FROM articles a WHERE a.id = ?',
    ),
    sourcePaths: db.prepare<[string], { id: string; source_path: string }>(
      'SELECT id, source_path FROM articles WHERE source_path IS NOT NULL AND id IN (SELECT value FROM json_each(?))',
    ),
    embeddings: db.prepare<[], { id: number; embedding: Buffer }>(
      'SELECT id, embedding FROM passages ORDER BY id',
    ),
    addedSince: db.prepare<[number], { id: number; embedding: Buffer }>(
      'SELECT id, embedding FROM passages WHERE generation > ? ORDER BY id',
    ),
    removedSince: db.prepare<[number], { id: number }>(
      'SELECT DISTINCT id FROM removed_passages WHERE generation > ?',
    ),
    counts: db.prepare<[], { articles: number; passages: number }>(
      'SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM passages) AS passages',
    ),
  };

  const generation = () => Number(stmt.getMeta.get('generation')?.value ?? 0);
  const bumpGeneration = () => {
    const next = generation() + 1;
    stmt.setMeta.run('generation', String(next));
    stmt.addCommit.run(next, randomUUID());
    return next;
  };
  const identity = () => {
    const existing = stmt.getMeta.get('identity')?.value;
    if (existing) return existing;
    const id = randomUUID();
    stmt.setMeta.run('identity', id);
    return id;
  };

  const removeArticle = (id: string, gen: number): number[] => {
    const ids = stmt.passageIdsOf.all(id).map((r) => r.id);
    stmt.logRemoved.run(gen, id);
    stmt.deleteFts.run(id);
    stmt.deletePassages.run(id);
    return ids;
  };

  const replaceTx = db.transaction((write: ArticleWrite): StoreChange => {
    const { article, contentHash, passages } = write;
    const gen = bumpGeneration();
    const removedPassageIds = removeArticle(article.id, gen);
    stmt.upsertArticle.run({
      id: article.id,
      sourcePath: article.sourcePath ?? null,
      hash: contentHash,
      title: article.title,
      place: article.place ?? null,
      date: article.date ?? null,
      source: article.source ?? null,
      metadata: JSON.stringify(article.metadata),
      text: article.text,
      paragraphs: JSON.stringify(article.paragraphs.map((p) => [p.start, p.end])),
      updatedAt: new Date().toISOString(),
    });
    const added: StoreChange['added'] = [];
    for (const { draft, embedding } of passages) {
      const info = stmt.insertPassage.run(
        article.id,
        draft.ordinal,
        draft.paragraph,
        draft.start,
        draft.end,
        draft.text,
        toBlob(embedding),
        gen,
      );
      const id = Number(info.lastInsertRowid);
      stmt.insertFts.run(id, article.title, draft.text);
      added.push({ id, embedding });
    }
    return { removedPassageIds, added, generation: gen };
  });

  const deleteTx = db.transaction((ids: readonly string[]): StoreChange => {
    const gen = bumpGeneration();
    const removedPassageIds = ids.flatMap((id) => {
      const removed = removeArticle(id, gen);
      stmt.deleteArticle.run(id);
      return removed;
    });
    return { removedPassageIds, added: [], generation: gen };
  });

  const inList = (ids: readonly number[]) => ids.map(() => '?').join(',');
  const source: EmbeddingSource = {
    identity: guard(identity),
    dimension: guard(() => {
      const raw = stmt.getMeta.get('manifest')?.value;
      return raw ? (JSON.parse(raw) as IndexManifest).model.dimension : undefined;
    }),
    generation: guard(generation),
    commitToken: guard((gen: number) => (gen === 0 ? 'empty' : stmt.commit.get(gen)?.token)),
    passageCount: guard(() => stmt.counts.get()?.passages ?? 0),
    *allEmbeddings() {
      for (const row of stmt.embeddings.iterate()) yield { id: row.id, embedding: fromBlob(row.embedding) };
    },
    changesSince: guard((gen: number) => ({
      removed: stmt.removedSince.all(gen).map((r) => r.id),
      added: stmt.addedSince.all(gen).map((r) => ({ id: r.id, embedding: fromBlob(r.embedding) })),
    })),
    allowedPassageIds: guard((filters) => {
      const { where, params } = filterSql(filters);
      if (where.length === 0) return undefined;
      const rows = db
        .prepare<unknown[], { id: number }>(
          `SELECT p.id FROM passages p JOIN articles a ON a.id = p.article_id WHERE ${where.join(' AND ')}`,
        )
        .all(...params);
      return new Set(rows.map((r) => r.id));
    }),
  };

  let writeQueue: Promise<unknown> = Promise.resolve();
  const maintenance: IndexMaintenance = {
    location: dir,
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
    integrityCheck: async () => String(db.pragma('integrity_check', { simple: true })),
  };

  const sync = {
    manifest: guard(() => {
      const raw = stmt.getMeta.get('manifest')?.value;
      return raw ? (JSON.parse(raw) as IndexManifest) : undefined;
    }),
    initManifest: guard((manifest: IndexManifest) =>
      db.transaction(() => {
        stmt.setMeta.run('manifest', JSON.stringify(manifest));
        identity();
        if (!stmt.getMeta.get('generation')) stmt.setMeta.run('generation', '0');
        if (!stmt.getMeta.get('schema_version'))
          stmt.setMeta.run('schema_version', String(manifest.schemaVersion));
      })(),
    ),
    replaceArticles: guard((writes: readonly ArticleWrite[]): StoreChange => {
      const change: StoreChange = { removedPassageIds: [], added: [], generation: generation() };
      for (const w of writes) {
        const one = replaceTx(w);
        change.removedPassageIds.push(...one.removedPassageIds);
        change.added.push(...one.added);
        change.generation = one.generation;
      }
      return change;
    }),
    getPassages: guard((ids: readonly number[]) => {
      if (ids.length === 0) return [];
      const rows = db
        .prepare<unknown[], PassageRow>(
          `SELECT p.id, p.article_id, p.ordinal, p.paragraph, p.start, p.end, p.text, a.title, a.place, a.date, a.source
           FROM passages p JOIN articles a ON a.id = p.article_id WHERE p.id IN (${inList(ids)})`,
        )
        .all(...ids);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.flatMap((id) => {
        const r = byId.get(id);
        return r ? [passageFromRow(r)] : [];
      });
    }),
    lexicalSearch: guard(
      (text: string, limit: number, filters?: Parameters<ChunkStore['lexicalSearch']>[2]) => {
        const match = buildFtsQuery(text);
        if (!match || limit <= 0) return [];
        const { where, params } = filterSql(filters);
        // Filters join inside the query, so a narrow filter never loses hits to a row cap.
        const sql =
          where.length === 0
            ? `SELECT rowid AS id, bm25(passages_fts, ${BM25_WEIGHTS.join(', ')}) AS score FROM passages_fts
             WHERE passages_fts MATCH ? ORDER BY score LIMIT ?`
            : `SELECT f.rowid AS id, bm25(passages_fts, ${BM25_WEIGHTS.join(', ')}) AS score FROM passages_fts f
             JOIN passages p ON p.id = f.rowid JOIN articles a ON a.id = p.article_id
             WHERE passages_fts MATCH ? AND ${where.join(' AND ')} ORDER BY score LIMIT ?`;
        const rows = db.prepare<unknown[], { id: number; score: number }>(sql).all(match, ...params, limit);
        // FTS5's bm25() is lower-is-better; the seam's is higher-is-better.
        return rows.map((r) => ({ passageId: r.id, bm25: -r.score }));
      },
    ),
    getEmbeddings: guard((ids: readonly number[]) => {
      if (ids.length === 0) return new Map<number, Float32Array>();
      const rows = db
        .prepare<unknown[], { id: number; embedding: Buffer }>(
          `SELECT id, embedding FROM passages WHERE id IN (${inList(ids)})`,
        )
        .all(...ids);
      return new Map(rows.map((r) => [r.id, fromBlob(r.embedding)]));
    }),
    stats: guard(() => {
      const c = stmt.counts.get() ?? { articles: 0, passages: 0 };
      const bytes = (fileSize(path) ?? 0) + (fileSize(`${path}-wal`) ?? 0);
      return { articles: c.articles, passages: c.passages, generation: generation(), databaseBytes: bytes };
    }),
  };

  return {
    dir,
    source,
    maintenance,
    manifest: async () => sync.manifest(),
    initManifest: async (manifest) => sync.initManifest(manifest),
    generation: async () => source.generation(),
    articleHashes: async () => new Map(guard(() => stmt.hashes.all())().map((r) => [r.id, r.content_hash])),
    replaceArticles: async (writes) => sync.replaceArticles(writes),
    deleteArticles: async (ids) => guard(deleteTx)(ids),
    getArticle: async (id) => {
      const row = guard(() => stmt.article.get(id))();
      return row ? articleFromRow(row) : undefined;
    },
    sourcePaths: async (ids) =>
      new Map(guard(() => stmt.sourcePaths.all(JSON.stringify(ids)))().map((r) => [r.id, r.source_path])),
    getPassages: async (ids) => sync.getPassages(ids),
    lexicalSearch: async (text, limit, filters) => sync.lexicalSearch(text, limit, filters),
    getEmbeddings: async (ids) => sync.getEmbeddings(ids),
    stats: async () => sync.stats(),
    close: async () => {
      db.close();
    },
  };
}
