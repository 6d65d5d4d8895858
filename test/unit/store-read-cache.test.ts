/**
 * The embedded store's reads kept per index generation (sqlite-cached-reads.ts): passage rows,
 * vectors, stories and whole articles. A write, by this store or by another connection to the
 * same index, makes a new generation, and what was kept from the old one is never answered.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStore, type SqliteStore } from '../../src/backends/embedded/index.js';
import { generationCache } from '../../src/backends/embedded/read-cache.js';
import type { ArticleWrite, PassageWrite } from '../../src/backends/index.js';
import { tempDir } from '../helpers.js';

/** An article of two passages, each with a vector of its own. */
function write(id: string, title: string, text: string, seed: number): ArticleWrite {
  const halves = [text.slice(0, text.length / 2), text.slice(text.length / 2)];
  let start = 0;
  const passages: PassageWrite[] = halves.map((half, ordinal) => {
    const draft = { articleId: id, ordinal, paragraph: 0, start, end: start + half.length };
    start += half.length;
    return {
      draft: { ...draft, text: half, tokens: 0 },
      embedding: Float32Array.from([seed, ordinal, 1, 0]),
    };
  });
  return {
    article: {
      id,
      title,
      text,
      paragraphs: [{ start: 0, end: text.length }] as ArticleWrite['article']['paragraphs'],
      collection: 'news',
      metadata: {},
    },
    contentHash: `${id}-${title}-${text.length}`,
    passages,
  };
}

/** The same article from another source (its passages stay as they are). */
const from = (w: ArticleWrite, source: string): ArticleWrite => ({
  ...w,
  article: { ...w.article, source },
});

describe('reads kept per index generation', () => {
  let tmp: ReturnType<typeof tempDir>;
  let dir: string;
  const stores: SqliteStore[] = [];
  const open = () => {
    const store = createSqliteStore({ dir });
    stores.push(store);
    return store;
  };
  const a = write('a', 'Harbour strike', 'Dockers walked out at dawn. The port stood still all day.', 1);
  const b = write('b', 'Budget vote', 'The council passed the budget. Taxes rise next spring.', 2);

  beforeEach(() => {
    tmp = tempDir();
    dir = join(tmp.dir, 'index');
  });
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    tmp.cleanup();
  });

  it('answers what this store writes next, not what it kept', async () => {
    const store = open();
    const ids = (await store.replaceArticles([a, b])).added.slice(0, 2).map((p) => p.id);
    // Read twice: the second answer comes from what was kept.
    for (let i = 0; i < 2; i++) {
      expect((await store.getPassages(ids)).map((p) => p.source)).toEqual([null, null]);
      expect((await store.stories(['a'])).get('a')?.members.map((m) => m.source)).toEqual([null]);
      expect((await store.getArticle('a'))?.source).toBeNull();
      expect((await store.getEmbeddings(ids)).size).toBe(2);
    }
    await store.updateArticleFields([from(a, 'Port Gazette')]);
    expect((await store.getPassages(ids)).map((p) => p.source)).toEqual(['Port Gazette', 'Port Gazette']);
    expect((await store.stories(['a'])).get('a')?.members.map((m) => m.source)).toEqual(['Port Gazette']);
    expect((await store.getArticle('a'))?.source).toBe('Port Gazette');
    await store.deleteArticles(['a']);
    expect(await store.getPassages(ids)).toEqual([]);
    expect((await store.getEmbeddings(ids)).size).toBe(0);
    expect((await store.stories(['a'])).has('a')).toBe(false);
    expect(await store.getArticle('a')).toBeUndefined();
  });

  it('answers what another connection to the index wrote', async () => {
    const writer = open();
    const ids = (await writer.replaceArticles([a, b])).added.slice(2).map((p) => p.id);
    const reader = open();
    expect((await reader.getPassages(ids)).map((p) => p.source)).toEqual([null, null]);
    expect((await reader.getArticle('b'))?.source).toBeNull();
    expect((await reader.stories(['b'])).get('b')?.members[0]?.source).toBeNull();
    await writer.updateArticleFields([from(b, 'Town Hall News')]);
    expect((await reader.getPassages(ids)).map((p) => p.source)).toEqual([
      'Town Hall News',
      'Town Hall News',
    ]);
    expect((await reader.getArticle('b'))?.source).toBe('Town Hall News');
    expect((await reader.stories(['b'])).get('b')?.members[0]?.source).toBe('Town Hall News');
    await writer.deleteArticles(['b']);
    expect((await reader.getEmbeddings(ids)).size).toBe(0);
  });

  it('gives the vectors as written, in ascending ids, kept or read, as the database does', async () => {
    const store = open();
    const added = (await store.replaceArticles([a, b])).added.map((p) => p.id);
    const ids = [...added.slice(2), ...added.slice(0, 2)];
    const ascending = [...ids].sort((x, y) => x - y);
    const vectors = await store.getEmbeddings(ids);
    expect([...vectors.keys()]).toEqual(ascending);
    // Each its own vector, as written (a: seed 1, b: seed 2; then the passage's ordinal).
    expect([...vectors.values()].map((v) => [...v])).toEqual([
      [1, 0, 1, 0],
      [1, 1, 1, 0],
      [2, 0, 1, 0],
      [2, 1, 1, 0],
    ]);
    // Half kept, half read: the order is still the database's.
    await store.updateArticleFields([from(a, 'Port Gazette')]);
    await store.getEmbeddings([ids[0] as number]);
    expect([...(await store.getEmbeddings([...ids].reverse())).keys()]).toEqual(ascending);
  });

  it('keeps at most its bound, and starts over when the generation moves, even during a read', () => {
    let generation = 1;
    let reads = 0;
    const cache = generationCache<number, string>(2, () => generation);
    const read = (keys: readonly number[]) => {
      reads++;
      return new Map(keys.map((k) => [k, `${k}@${generation}`]));
    };
    expect([...cache.many([1, 2, 3], read).values()]).toEqual(['1@1', '2@1', '3@1']);
    expect(cache.size).toBe(2);
    expect(cache.many([3], read).get(3)).toBe('3@1');
    const before = reads;
    cache.many([2, 3], read);
    expect(reads).toBe(before);
    // Another connection writes during a read: what it read is kept under the generation it
    // started in, and the next call, which sees the new one, starts over.
    const writing = (keys: readonly number[]) => {
      const out = read(keys);
      generation++;
      return out;
    };
    cache.many([4], writing);
    expect(cache.many([3, 4], read)).toEqual(
      new Map([
        [3, '3@2'],
        [4, '4@2'],
      ]),
    );
  });
});
