/**
 * Copies in SQLite: each article's story, text hash and sketch (columns of `articles`), each
 * passage's embedded-text key (a column of `passages`), the reads ingest and results need, and
 * the upgrade that fills them in for an index made before schema 5.
 */
import type Database from 'better-sqlite3';
import { articleLede, contextualText } from '../../chunk/index.js';
import {
  type CopyFacts,
  createCopyFinder,
  embeddingKey,
  sketchBytes,
  sketchFromBytes,
  sketchOf,
  textHash,
} from '../../copies/index.js';
import type { ArticleStory, ChunkerSettings, StoryMember } from '../chunk-store.js';
import { prepared } from './sqlite-prepared.js';

/** Schema 5: add the copy columns, fingerprint every article, cluster them, key every passage. */
export function addCopyColumns(db: Database.Database): void {
  const articleColumns = db.prepare<[], { name: string }>('PRAGMA table_info(articles)').all();
  if (!articleColumns.some((c) => c.name === 'story')) {
    db.exec('ALTER TABLE articles ADD COLUMN story TEXT');
    db.exec('ALTER TABLE articles ADD COLUMN text_hash TEXT');
    db.exec('ALTER TABLE articles ADD COLUMN sketch BLOB');
  }
  const passageColumns = db.prepare<[], { name: string }>('PRAGMA table_info(passages)').all();
  if (!passageColumns.some((c) => c.name === 'embed_key')) {
    db.exec('ALTER TABLE passages ADD COLUMN embed_key TEXT');
  }
  const finder = createCopyFinder();
  const setCopy = db.prepare<[string, string, Buffer, string]>(
    'UPDATE articles SET story = ?, text_hash = ?, sketch = ? WHERE id = ?',
  );
  const articles = db
    .prepare<[], { id: string; title: string; text: string }>(
      'SELECT id, title, text FROM articles ORDER BY rowid',
    )
    .all();
  for (const a of articles) {
    const hash = textHash(a.title, a.text);
    const sketch = sketchOf(a.title, a.text);
    const story = finder.find(a.id, hash, sketch)?.story ?? a.id;
    finder.add(a.id, { story, textHash: hash, sketch });
    setCopy.run(story, hash, sketchBytes(sketch), a.id);
  }
  const manifest = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'manifest'").get();
  if (!manifest) return;
  const chunker = (JSON.parse(manifest.value) as { chunker: ChunkerSettings }).chunker;
  const setKey = db.prepare<[string, number]>('UPDATE passages SET embed_key = ? WHERE id = ?');
  const passagesOf = db.prepare<[string], { id: number; text: string }>(
    'SELECT id, text FROM passages WHERE article_id = ?',
  );
  for (const a of articles) {
    const context = {
      title: chunker.titlePrefix ? a.title : '',
      lede: chunker.ledePrefix ? articleLede(a.text) : '',
    };
    for (const p of passagesOf.all(a.id)) setKey.run(embeddingKey(contextualText(context, p.text)), p.id);
  }
}

export function readArticleCopies(db: Database.Database): Map<string, CopyFacts> {
  const rows = db
    .prepare<[], { id: string; story: string | null; text_hash: string | null; sketch: Buffer | null }>(
      'SELECT id, story, text_hash, sketch FROM articles ORDER BY rowid',
    )
    .all();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        story: r.story ?? r.id,
        textHash: r.text_hash ?? '',
        sketch: r.sketch ? sketchFromBytes(r.sketch) : new Uint32Array(0),
      },
    ]),
  );
}

export function readEmbeddingsByKey(
  db: Database.Database,
  keys: readonly string[],
): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  if (keys.length === 0) return out;
  const rows = db
    .prepare<[string], { embed_key: string; embedding: Buffer }>(
      `SELECT embed_key, embedding FROM passages
       WHERE embed_key IN (SELECT value FROM json_each(?)) GROUP BY embed_key`,
    )
    .all(JSON.stringify(keys));
  for (const r of rows) {
    const v = new Float32Array(r.embedding.byteLength / 4);
    new Uint8Array(v.buffer).set(r.embedding);
    out.set(r.embed_key, v);
  }
  return out;
}

interface MemberRow {
  id: string;
  story: string;
  title: string;
  source: string | null;
  date: string | null;
  collection: string | null;
  url: string | null;
  chars: number;
}

/**
 * The story of each article of `ids` (absent ids are left out); with `everyMember`, of every
 * member of those stories too (read anyway: what a cache keeps).
 */
export function readStories(
  db: Database.Database,
  ids: readonly string[],
  everyMember = false,
): Map<string, ArticleStory> {
  const out = new Map<string, ArticleStory>();
  if (ids.length === 0) return out;
  const rows = prepared<MemberRow>(
    db,
    `SELECT id, story, title, source, date, collection, length(text) AS chars,
       coalesce(json_extract(metadata, '$.link'), json_extract(metadata, '$.url')) AS url
     FROM articles WHERE story IN
       (SELECT story FROM articles WHERE id IN (SELECT value FROM json_each(?)))
     ORDER BY id`,
  ).all(JSON.stringify(ids));
  const byStory = new Map<string, StoryMember[]>();
  for (const r of rows) {
    const member: StoryMember = {
      id: r.id,
      title: r.title,
      source: r.source,
      date: r.date,
      collection: r.collection,
      url: typeof r.url === 'string' ? r.url : null,
      chars: r.chars,
    };
    const list = byStory.get(r.story);
    if (list) list.push(member);
    else byStory.set(r.story, [member]);
  }
  const wanted = new Set(ids);
  const stories = new Map<string, ArticleStory>();
  for (const r of rows) {
    if (!everyMember && !wanted.has(r.id)) continue;
    let story = stories.get(r.story);
    if (!story) {
      story = { story: r.story, members: byStory.get(r.story) ?? [] };
      stories.set(r.story, story);
    }
    out.set(r.id, story);
  }
  return out;
}
