/**
 * An article's own row in SQLite (everything but its passages), and the reads and writes that
 * let ingest change only that row: a change of metadata, date or source keeps the passages,
 * their vectors and the HNSW graph as they are.
 */
import type Database from 'better-sqlite3';
import { sketchBytes } from '../../copies/index.js';
import { type ArticleLayout, type ArticleWrite, articleCollection } from '../chunk-store.js';

/** The named parameters of the articles upsert for one write. */
export function articleRowParams(write: ArticleWrite): Record<string, unknown> {
  const { article, contentHash, copy } = write;
  return {
    id: article.id,
    sourcePath: article.sourcePath ?? null,
    collection: articleCollection(article),
    hash: contentHash,
    title: article.title,
    place: article.place ?? null,
    date: article.date ?? null,
    source: article.source ?? null,
    metadata: JSON.stringify(article.metadata),
    text: article.text,
    paragraphs: JSON.stringify(article.paragraphs.map((p) => [p.start, p.end])),
    updatedAt: new Date().toISOString(),
    story: copy?.story ?? article.id,
    textHash: copy?.textHash ?? null,
    sketch: copy ? sketchBytes(copy.sketch) : null,
  };
}

interface LayoutRow {
  id: string;
  title: string;
  ordinal: number | null;
  paragraph: number | null;
  start: number | null;
  end: number | null;
  embed_key: string | null;
}

export function readArticleLayouts(
  db: Database.Database,
  ids: readonly string[],
): Map<string, ArticleLayout> {
  const rows = db
    .prepare<[string], LayoutRow>(
      `SELECT a.id, a.title, p.ordinal, p.paragraph, p.start, p.end, p.embed_key
       FROM articles a LEFT JOIN passages p ON p.article_id = a.id
       WHERE a.id IN (SELECT value FROM json_each(?)) ORDER BY a.id, p.ordinal`,
    )
    .all(JSON.stringify(ids));
  const out = new Map<string, ArticleLayout>();
  for (const r of rows) {
    let layout = out.get(r.id);
    if (!layout) {
      layout = { title: r.title, passages: [] };
      out.set(r.id, layout);
    }
    if (r.ordinal === null) continue;
    layout.passages.push({
      ordinal: r.ordinal,
      paragraph: r.paragraph ?? 0,
      start: r.start ?? 0,
      end: r.end ?? 0,
      key: r.embed_key,
    });
  }
  return out;
}
