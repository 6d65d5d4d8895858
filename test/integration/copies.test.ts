/**
 * Copies end to end on the embedded backend with the fake embedder: exact copies cost no model
 * call (within a run and across runs), near copies join the story, results show one card per
 * story with the copies listed (every copy with collapse false), `ls --copies` data lists the
 * stories, removing one copy keeps the others, and an index from before stories is upgraded.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/backends/index.js';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { createSearchEngine } from '../../src/index.js';
import { type Article, parseTextArticle } from '../../src/parse/index.js';
import { SEEDS, tempDir } from '../helpers.js';

const seed0 = readFileSync(join(SEEDS, '000_49243b7414c43ba9.txt'), 'utf8');
const seed1 = readFileSync(join(SEEDS, '001_5b0540494f67e9be.txt'), 'utf8');

/** The seed with its last paragraph replaced: a near copy (an update). */
const updated = `${seed0.slice(0, seed0.lastIndexOf('\n\n'))}\n\nThe ministry added on Friday that talks would resume in the spring, officials said.\n`;

function article(id: string, text: string, source: string): Article {
  const a = parseTextArticle(id, text);
  return { ...a, source };
}

describe('copies', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('embeds an exact copy never, forms stories, and collapses results by story', async () => {
    const fake = createFakeEmbedder();
    const indexDir = join(tmp.dir, 'index');
    const engine = await createSearchEngine({ indexDir, embedder: fake, logLevel: 'silent' });
    const first = await engine.ingestArticles([
      article('tass', seed0, 'TASS'),
      article('other', seed1, 'TASS'),
      article('wire', seed0, 'Wire'),
      article('update', updated, 'Update'),
    ]);
    const passagesOf = async (id: string) => (await engine.getArticle(id))?.passageCount ?? 0;
    expect(first).toMatchObject({ articlesNew: 4, copiesExact: 1, copiesNear: 1 });
    // The exact copy's passages and the update's unchanged ones reuse vectors.
    expect(first.passagesReused).toBeGreaterThanOrEqual(await passagesOf('wire'));
    expect(first.passagesEmbedded + first.passagesReused).toBe((await engine.stats()).passages);
    expect(fake.calls).toBe(first.passagesEmbedded);

    // A copy in a later run is checked against the whole index: nothing goes to the model.
    const calls = fake.calls;
    const later = await engine.ingestArticles([article('again', seed0, 'Again')]);
    expect(later).toMatchObject({ articlesNew: 1, copiesExact: 1, passagesEmbedded: 0 });
    expect(later.passagesReused).toBe(await passagesOf('again'));
    expect(fake.calls).toBe(calls);

    const query = 'Abe peace treaty with Russia';
    const collapsed = await engine.results({ query, limit: 10 });
    const ids = collapsed.cards.map((c) => c.articleId);
    const story = ['tass', 'wire', 'update', 'again'];
    expect(ids.filter((id) => story.includes(id))).toHaveLength(1);
    const lead = collapsed.cards.find((c) => story.includes(c.articleId));
    // The fullest copy leads (the exact copies tie; the update is a few characters apart).
    expect(lead?.copies?.map((c) => c.id).sort()).toEqual(
      story.filter((id) => id !== lead?.articleId).sort(),
    );
    expect(collapsed.total).toBe(2);

    const every = await engine.results({ query, limit: 10, collapse: false });
    expect(every.cards.map((c) => c.articleId).sort()).toEqual([...story, 'other'].sort());
    expect(every.total).toBe(5);

    const listed = await engine.listArticles({ copies: true });
    expect(listed.articles.map((a) => a.id)).toEqual(['again', 'tass', 'update', 'wire']);
    expect(new Set(listed.articles.map((a) => a.story))).toEqual(new Set(['tass']));

    // Removing the story's first article keeps the others together.
    await engine.deleteArticles(['tass']);
    const after = await engine.results({ query, limit: 10 });
    expect(after.cards.filter((c) => story.includes(c.articleId))).toHaveLength(1);
    expect(after.total).toBe(2);
    await engine.close();
  });

  it('an index from before stories is upgraded: fingerprints, stories and passage keys filled in', async () => {
    const indexDir = join(tmp.dir, 'index');
    const fake = createFakeEmbedder();
    let engine = await createSearchEngine({ indexDir, embedder: fake, logLevel: 'silent' });
    await engine.ingestArticles([article('tass', seed0, 'TASS'), article('wire', seed0, 'Wire')]);
    await engine.close();
    const db = new Database(join(indexDir, 'semsearch.db'));
    db.exec(
      "UPDATE articles SET story = NULL, text_hash = NULL, sketch = NULL; UPDATE passages SET embed_key = NULL; UPDATE meta SET value = '4' WHERE key = 'schema_version'",
    );
    db.close();

    engine = await createSearchEngine({ indexDir, embedder: fake, logLevel: 'silent' });
    const listed = await engine.listArticles({ copies: true });
    expect(listed.articles.map((a) => [a.id, a.story])).toEqual([
      ['tass', 'tass'],
      ['wire', 'tass'],
    ]);
    const calls = fake.calls;
    const again = await engine.ingestArticles([article('third', seed0, 'Third')]);
    expect(again).toMatchObject({ copiesExact: 1, passagesEmbedded: 0 });
    expect(fake.calls).toBe(calls);
    await engine.close();
    const check = new Database(join(indexDir, 'semsearch.db'), { readonly: true });
    expect(check.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get()).toEqual({
      value: String(SCHEMA_VERSION),
    });
    check.close();
  });
});
