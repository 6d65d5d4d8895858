/**
 * The ChunkStore on SQLite (better-sqlite3, WAL): articles, passages with float32 embeddings,
 * an FTS5 index (porter stemming, so "Kurils" finds "Kuril"), the manifest, and the write
 * lineage (a token per commit, removed passage ids) that the derived HNSW graph is checked
 * against. The only module that opens a database.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
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
import { fileSize, openDatabase } from './sqlite-open.js';
import {
  articleFromRow,
  fromBlob,
  type PassageRow,
  passageFromRow,
  toBlob,
  translateSqliteError,
} from './sqlite-schema.js';
import { createEmbeddingSource } from './sqlite-source.js';
import { prepareStatements } from './sqlite-statements.js';
import { acquireWriteLock } from './write-lock.js';

export const DATABASE_FILE = 'semsearch.db';
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

  const stmt = prepareStatements(db);

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
  const source = createEmbeddingSource(db, stmt, { guard, generation, identity });

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
