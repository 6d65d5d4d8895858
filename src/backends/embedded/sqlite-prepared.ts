/** The store's prepared SQL statements, made once per connection. */
import type Database from 'better-sqlite3';
import type { ArticleRow } from './sqlite-schema.js';

export function prepareStatements(db: Database.Database) {
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
}
