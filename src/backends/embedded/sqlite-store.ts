/**
 * The ChunkStore on SQLite (better-sqlite3, WAL): articles, passages with float32 embeddings,
 * an FTS5 index (porter stemming, so "Kurils" finds "Kuril"), the manifest, and the write
 * lineage (a token per commit, removed passage ids) that the derived HNSW graph is checked
 * against. Only the store's sqlite-* modules touch the database driver.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../index-files.js';
import type {
  ArticleWrite,
  ChunkStore,
  IndexMaintenance,
  IndexManifest,
  StatementsWrite,
  StoreChange,
} from '../chunk-store.js';
import type { EmbeddingSource } from './embedding-source.js';
import { archiveOverview } from './sqlite-archive.js';
import { createCachedReads } from './sqlite-cached-reads.js';
import { readArticleCopies, readEmbeddingsByKey } from './sqlite-copies.js';
import { articleRowParams, readArticleLayouts } from './sqlite-fields.js';
import { createWordFrequencies } from './sqlite-frequencies.js';
import { createMemoryLexical } from './sqlite-lexical.js';
import { corpusFacts, listArticles, listCollections } from './sqlite-listing.js';
import { createMaintenance } from './sqlite-maintenance.js';
import { fileSize, openDatabase } from './sqlite-open.js';
import { lexicalSearch, readPassageArticles } from './sqlite-reads.js';
import { type ArticleRow, articleFromRow, toBlob, translateSqliteError } from './sqlite-schema.js';
import { createEmbeddingSource } from './sqlite-source.js';
import {
  createStatementTable,
  readArticleStatements,
  readSpeakerStatements,
  readSpeakers,
  readStaleStatements,
} from './sqlite-statements.js';

export { DATABASE_FILE };

export interface SqliteStoreOptions {
  /** The index folder; created if missing unless `mustExist`. */
  dir: string;
  /** Fail with INDEX_NOT_FOUND instead of creating a new index. @default false */
  mustExist?: boolean;
  log?: (line: string) => void;
  /** Open for reading only (writes fail INDEX_READ_ONLY). @default false: only when the index cannot be written */
  readOnly?: boolean | undefined;
}

/** The embedded store: the ChunkStore, the lineage the HNSW graph is checked against, and upkeep. */
export interface SqliteStore extends ChunkStore {
  readonly dir: string;
  readonly source: EmbeddingSource;
  readonly maintenance: IndexMaintenance;
}

function prepareStatements(db: Database.Database) {
  return {
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
      db.prepare(`INSERT INTO articles (id, source_path, collection, content_hash, title, place, date, source, metadata, text, paragraphs, updated_at, story, text_hash, sketch)
      VALUES (@id, @sourcePath, @collection, @hash, @title, @place, @date, @source, @metadata, @text, @paragraphs, @updatedAt, @story, @textHash, @sketch)
      ON CONFLICT(id) DO UPDATE SET source_path = excluded.source_path, collection = excluded.collection, content_hash = excluded.content_hash, title = excluded.title,
        place = excluded.place, date = excluded.date, source = excluded.source, metadata = excluded.metadata, text = excluded.text,
        paragraphs = excluded.paragraphs, updated_at = excluded.updated_at, story = excluded.story, text_hash = excluded.text_hash, sketch = excluded.sketch`),
    insertPassage: db.prepare(
      'INSERT INTO passages (article_id, ordinal, paragraph, start, end, text, embedding, generation, embed_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
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
    embeddingsAfter: db.prepare<[number, number], { id: number; embedding: Buffer }>(
      'SELECT id, embedding FROM passages WHERE id > ? ORDER BY id LIMIT ?',
    ),
    addedSinceAfter: db.prepare<[number, number, number], { id: number; embedding: Buffer }>(
      'SELECT id, embedding FROM passages WHERE generation > ? AND id > ? ORDER BY id LIMIT ?',
    ),
    removedSince: db.prepare<[number], { id: number }>(
      'SELECT DISTINCT id FROM removed_passages WHERE generation > ?',
    ),
    counts: db.prepare<[], { articles: number; passages: number }>(
      'SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM passages) AS passages',
    ),
  };
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
  const statements = createStatementTable(db);

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
    const { article, passages } = write;
    const gen = bumpGeneration();
    const removedPassageIds = removeArticle(article.id, gen);
    stmt.upsertArticle.run(articleRowParams(write));
    const said = write.statements;
    statements.replace(article.id, said?.statements ?? null, said?.version ?? null);
    const added: StoreChange['added'] = [];
    for (const { draft, embedding, key } of passages) {
      const info = stmt.insertPassage.run(
        article.id,
        draft.ordinal,
        draft.paragraph,
        draft.start,
        draft.end,
        draft.text,
        toBlob(embedding),
        gen,
        key ?? null,
      );
      const id = Number(info.lastInsertRowid);
      stmt.insertFts.run(id, article.title, draft.text);
      added.push({ id, embedding });
    }
    return { removedPassageIds, added, generation: gen };
  });

  // The passages stay: their ids, vectors and FTS rows (the title is the same) are untouched.
  const updateFieldsTx = db.transaction((writes: readonly ArticleWrite[]): StoreChange => {
    const gen = bumpGeneration();
    for (const w of writes) {
      stmt.upsertArticle.run(articleRowParams(w));
      if (w.statements) statements.replace(w.article.id, w.statements.statements, w.statements.version);
    }
    return { removedPassageIds: [], added: [], generation: gen };
  });

  const statementsTx = db.transaction((writes: readonly StatementsWrite[], version: number): StoreChange => {
    statements.writeMany(writes, version);
    return { removedPassageIds: [], added: [], generation: bumpGeneration() };
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

  const source = createEmbeddingSource(db, stmt, { guard, generation, identity });
  const memoryLexical = createMemoryLexical(db, source);
  const frequencies = createWordFrequencies(db);

  const maintenance = createMaintenance(db, dir);
  const cached = createCachedReads(db, guard(generation), (id) => {
    const row = stmt.article.get(id);
    return row ? articleFromRow(row) : undefined;
  });

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
    capabilities: { exactWordCoverage: true, fieldUpdates: true, inMemoryLexical: true, networked: false },
    manifest: async () => sync.manifest(),
    initManifest: async (manifest) => sync.initManifest(manifest),
    generation: async () => source.generation(),
    articleHashes: async () => new Map(guard(() => stmt.hashes.all())().map((r) => [r.id, r.content_hash])),
    articleCopies: async () => guard(readArticleCopies)(db),
    embeddingsByKey: async (keys) => guard(readEmbeddingsByKey)(db, keys),
    stories: async (ids) => guard(cached.stories)(ids),
    replaceArticles: async (writes) => sync.replaceArticles(writes),
    articleLayouts: async (ids) => guard(readArticleLayouts)(db, ids),
    updateArticleFields: async (writes) => guard(updateFieldsTx)(writes),
    deleteArticles: async (ids) => guard(deleteTx)(ids),
    getArticle: async (id) => guard(cached.article)(id),
    sourcePaths: async (ids) =>
      new Map(guard(() => stmt.sourcePaths.all(JSON.stringify(ids)))().map((r) => [r.id, r.source_path])),
    listArticles: async (options) => guard(listArticles)(db, options),
    collections: async () => guard(listCollections)(db),
    getPassages: async (ids) => guard(cached.passages)(ids),
    corpusFacts: async () => guard(corpusFacts)(db),
    archiveOverview: async (request) => guard(archiveOverview)(db, request),
    wordCoverage: async (ids, groups) => guard(() => memoryLexical.coverage(ids, groups) ?? new Map())(),
    wordFrequencies: async (groups) => guard(frequencies)(groups),
    passageArticles: async (ids) =>
      guard(() => memoryLexical.articlesOf(ids) ?? readPassageArticles(db, ids))(),
    lexicalSearch: async (text, limit, filters) =>
      guard(() => memoryLexical.search(text, limit, filters) ?? lexicalSearch(db, text, limit, filters))(),
    warmLexical: async () => guard(memoryLexical.warm)(),
    getEmbeddings: async (ids) => guard(cached.embeddings)(ids),
    articleStatements: async (ids, version) => guard(readArticleStatements)(db, ids, version),
    staleStatements: async (version, limit, after) => guard(readStaleStatements)(db, version, limit, after),
    writeStatements: async (writes, version) => guard(statementsTx)(writes, version),
    speakers: async (request, version) => guard(readSpeakers)(db, request, version),
    speakerStatements: async (names, version, options) =>
      guard(readSpeakerStatements)(db, names, version, options),
    stats: async () => sync.stats(),
    close: async () => {
      db.close();
    },
  };
}
