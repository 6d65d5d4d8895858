/**
 * The engine's behaviour over injected parts, with a deterministic fake embedder plugged in
 * through the Embedder interface (the real model is exercised in integration tests). One suite
 * for every backend: test/unit/engine-store.test.ts runs it on the real SQLite store with the
 * HNSW vector index and again with exact search, test/integration/elasticsearch-engine.test.ts
 * on the Elasticsearch test cluster.
 */
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HNSW_FILE, queryTerms } from '../src/backends/embedded/index.js';
import { createFakeEmbedder } from '../src/embed/index.js';
import {
  type Article,
  createSearchEngine,
  extractStatements,
  type SearchEngine,
  type SearchEngineOptions,
  type SearchFilters,
  STATEMENTS_VERSION,
} from '../src/index.js';
import { FIXTURES, SEEDS, tempDir } from './helpers.js';

/** What an engine is opened over instead of the default embedded backend. */
export type BackendParts = Pick<SearchEngineOptions, 'store' | 'vectorIndex' | 'maintenance'>;

export interface SuiteBackend {
  /** Shown in the suite's name. */
  name: string;
  vectors: 'hnsw' | 'exact' | 'elasticsearch';
  /** Why this backend's cases cannot run here: they are reported as skipped, with the reason. */
  missing?: string | undefined;
  /**
   * Called before each test with its fresh index folder: opens the parts of one engine (each
   * call a new engine over the same data), and removes what the test stored.
   */
  place(indexDir: string): {
    parts(log: (line: string) => void): Promise<BackendParts>;
    drop(): Promise<void>;
  };
}

const HOSTILE = [
  '"',
  '*',
  'NEAR(abe kuril)',
  'AND OR',
  '-',
  '"unbalanced',
  'abe" OR "x',
  'title:abe',
  '^abe',
  '(((',
  'abe*',
  '',
];

/** Whether `text` holds a word that starts like one of the query's terms (FTS5 stems with Porter). */
function mentionsATerm(text: string, query: string): boolean {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return queryTerms(query).some((t) =>
    words.some((w) => w.startsWith(t.slice(0, Math.max(3, t.length - 2)))),
  );
}

/** An article of one paragraph about river barges (every one matches the same question). */
function barges(id: string, extra: Partial<Article> = {}): Article {
  const text = `The ${id.replace('/', ' ')} report on river barges carrying grain.`;
  return {
    id,
    title: `Barges ${id}`,
    text,
    paragraphs: [{ index: 0, start: 0, end: text.length }],
    metadata: {},
    ...extra,
  };
}

/** Places, sources, collections and dates to filter and count by. */
const FACTS_ARTICLES: Article[] = [
  barges('news/a1', { collection: 'news', place: 'TOKYO', source: 'TASS', date: '2018-01-22' }),
  barges('news/a2', { collection: 'news', place: 'Moscow', source: 'TASS', date: '--01-22' }),
  barges('wire/a3', { collection: 'wire', place: 'TOKYO', source: 'Reuters', date: '2019-05-03' }),
  barges('a4'),
  barges('wire/a5', { collection: 'wire', source: 'Reuters', date: '2017' }),
  barges('news/a6', { collection: 'news', place: 'tokyo', source: 'AP' }),
];

export function engineSuite(backends: readonly SuiteBackend[]): void {
  describe.each(backends)('engine on $name (fake embedder)', ({ vectors, missing, place }) => {
    let tmp: ReturnType<typeof tempDir>;
    let articlesDir: string;
    let indexDir: string;
    let stored: ReturnType<SuiteBackend['place']>;
    /** An engine, and the store under it for what the engine does not pass through. */
    const openWithStore = async (fake = createFakeEmbedder(), log: string[] = []) => {
      const parts = await stored.parts((l) => log.push(l));
      const engine = await createSearchEngine({
        indexDir,
        embedder: fake,
        log: (l) => log.push(l),
        ...parts,
      });
      if (!parts.store) throw new Error('the suite opens its own store');
      return { engine, store: parts.store };
    };
    const open = async (fake = createFakeEmbedder(), log: string[] = []) =>
      (await openWithStore(fake, log)).engine;
    beforeEach((context) => {
      // Not run without a cluster; the skip carries the reason into the report.
      if (missing) context.skip(`not run: ${missing}`);
      tmp = tempDir();
      articlesDir = join(tmp.dir, 'articles');
      indexDir = join(tmp.dir, 'index');
      stored = place(indexDir);
      cpSync(SEEDS, articlesDir, { recursive: true });
      cpSync(join(FIXTURES, 'formats', 'notes.md'), join(articlesDir, 'notes.md'));
    });
    afterEach(async () => {
      if (missing) return;
      tmp.cleanup();
      await stored.drop();
    });

    it('copies: found across runs, embedded once, one card per story, listed by story', async () => {
      const fake = createFakeEmbedder();
      const engine = await open(fake);
      const seed = readFileSync(join(SEEDS, '000_49243b7414c43ba9.txt'), 'utf8');
      const paragraphs = seed.split('\n\n');
      const article = (id: string, text: string, source: string): Article => ({
        id,
        title: 'Abe on Russia',
        text,
        source,
        paragraphs: [{ index: 0, start: 0, end: text.length }],
        metadata: {},
      });
      const near = [...paragraphs.slice(0, -1), 'Talks will resume in the spring, officials added.'].join(
        '\n\n',
      );
      const first = await engine.ingestArticles([article('tass', seed, 'TASS'), barges('river')]);
      expect(first).toMatchObject({ copiesExact: 0, copiesNear: 0, passagesReused: 0 });
      const calls = fake.calls;
      const second = await engine.ingestArticles([
        article('wire', seed, 'Wire'),
        article('update', near, 'Update'),
      ]);
      expect(second).toMatchObject({ articlesNew: 2, copiesExact: 1, copiesNear: 1 });
      const wire = (await engine.getArticle('wire'))?.passageCount ?? 0;
      expect(second.passagesReused).toBeGreaterThanOrEqual(wire);
      expect(fake.calls - calls).toBe(second.passagesEmbedded);

      const query = 'Abe peace treaty Russia';
      const cards = await engine.results({ query, limit: 10 });
      const story = ['tass', 'update', 'wire'];
      const lead = cards.cards.filter((c) => story.includes(c.articleId));
      expect(lead).toHaveLength(1);
      expect(lead[0]?.copies?.map((c) => c.id).sort()).toEqual(
        story.filter((id) => id !== lead[0]?.articleId),
      );
      const every = await engine.results({ query, limit: 10, collapse: false });
      expect(every.cards.filter((c) => story.includes(c.articleId))).toHaveLength(3);
      expect(every.total - cards.total).toBe(2);

      const listed = await engine.listArticles({ copies: true });
      expect(listed.articles.map((a) => [a.id, a.story])).toEqual([
        ['tass', 'tass'],
        ['update', 'tass'],
        ['wire', 'tass'],
      ]);
      await engine.deleteArticles(['tass']);
      const left = await engine.results({ query, limit: 10 });
      expect(left.cards.filter((c) => story.includes(c.articleId))[0]?.copies).toHaveLength(1);
      await engine.close();
    });

    it('a change of metadata only costs no embedding, and filters see the new fields', async () => {
      const fake = createFakeEmbedder();
      const engine = await open(fake);
      await engine.ingestArticles(FACTS_ARTICLES);
      const calls = fake.calls;
      const redated = FACTS_ARTICLES.map((a) => ({
        ...a,
        date: '2024-06-01',
        source: 'Gazette',
        metadata: { desk: 'rivers' },
      }));
      const summary = await engine.ingestArticles(redated);
      expect(summary).toMatchObject({ articlesChanged: 6, passagesEmbedded: 0 });
      expect(fake.calls).toBe(calls);
      // The embedded store keeps the passages as they are; Elasticsearch rewrites them, with
      // their stored vectors.
      expect(summary.articlesMetadataOnly).toBe(vectors === 'elasticsearch' ? 0 : 6);
      const articlesOf = async (filters: SearchFilters) =>
        new Set(
          (await engine.search({ query: 'river barges grain', k: 20, filters })).hits.map((h) => h.articleId),
        ).size;
      expect(await articlesOf({ dateFrom: '2024-01-01', source: 'Gazette' })).toBe(6);
      expect(await articlesOf({ metadata: { desk: 'rivers' } })).toBe(6);
      expect(await articlesOf({ source: 'TASS' })).toBe(0);
      await engine.close();
    });

    it('ingests, skips unchanged, re-embeds only what changed, prunes what is gone', async () => {
      const fake = createFakeEmbedder();
      const engine = await open(fake);
      const first = await engine.ingestPaths([articlesDir]);
      expect(first).toMatchObject({ articlesNew: 3, articlesChanged: 0, articlesUnchanged: 0 });
      const total = (await engine.stats()).passages;
      expect(first.passagesEmbedded).toBe(total);
      expect(fake.calls).toBe(total);

      const again = await engine.ingestPaths([articlesDir]);
      expect(again).toMatchObject({ articlesNew: 0, articlesUnchanged: 3, passagesEmbedded: 0 });
      expect(fake.calls).toBe(total);

      const notesPath = join(articlesDir, 'notes.md');
      writeFileSync(notesPath, `${readFileSync(notesPath, 'utf8')}\nA new paragraph about crab catches.\n`);
      const edited = await engine.ingestPaths([articlesDir]);
      const notesPassages = (await engine.getArticle('notes'))?.passageCount ?? 0;
      expect(edited).toMatchObject({ articlesChanged: 1, articlesUnchanged: 2 });
      // Only the passage with the new paragraph goes to the model; the others' text (and
      // context) is unchanged, so their stored vectors are reused.
      expect(edited.passagesEmbedded).toBe(1);
      expect(edited.passagesReused).toBe(notesPassages - 1);
      expect(fake.calls).toBe(total + 1);
      const crab = await engine.search({ query: 'crab catches', mode: 'lexical' });
      expect(crab.hits[0]?.articleId).toBe('notes');

      const goneIds = (await engine.search({ query: 'salmon pollock quotas', k: 50 })).hits
        .filter((h) => h.articleId === 'notes')
        .map((h) => h.passageId);
      expect(goneIds.length).toBeGreaterThan(0);
      rmSync(notesPath);
      const pruned = await engine.ingestPaths([articlesDir], { prune: true });
      expect(pruned.articlesRemoved).toBe(1);
      expect(await engine.getArticle('notes')).toBeUndefined();
      expect(await Promise.all(goneIds.map((id) => engine.getPassage(id)))).toEqual(
        goneIds.map(() => undefined),
      );
      for (const mode of ['lexical', 'dense', 'hybrid'] as const) {
        const r = await engine.search({ query: 'salmon pollock quotas fishing', k: 50, mode });
        expect(r.hits.some((h) => h.articleId === 'notes' || goneIds.includes(h.passageId))).toBe(false);
      }
      expect(await engine.integrityCheck()).toBe('ok');
      await engine.close();
    });

    it('answers FTS-hostile queries with results or an empty list, never an error', async () => {
      const engine = await open();
      await engine.ingestPaths([articlesDir]);
      for (const q of HOSTILE) {
        for (const mode of ['lexical', 'hybrid'] as const) {
          if (q === '') {
            await expect(engine.search({ query: q, mode })).rejects.toMatchObject({ code: 'BAD_INPUT' });
            continue;
          }
          const r = await engine.search({ query: q, mode });
          if (mode !== 'lexical') continue;
          if (queryTerms(q).length === 0) expect(r.hits).toEqual([]);
          else {
            // The words match as words; the syntax around them does nothing.
            if (/abe/i.test(q) && !q.includes('"')) expect(r.hits.length, q).toBeGreaterThan(0);
            for (const h of r.hits)
              expect(mentionsATerm(`${h.title} ${h.text}`, q), `${q} → ${h.text}`).toBe(true);
          }
        }
      }
      const r = await engine.search({ query: 'NEAR(abe kuril)', mode: 'lexical' });
      expect(r.hits.length).toBeGreaterThan(0);
      await engine.close();
    });

    it('rejects over-long queries and bad k with specific codes', async () => {
      const engine = await open();
      await expect(engine.search({ query: 'x'.repeat(10_001) })).rejects.toMatchObject({
        code: 'QUERY_TOO_LONG',
      });
      await expect(engine.search({ query: 'abe', k: 0 })).rejects.toMatchObject({ code: 'BAD_INPUT' });
      await expect(engine.search({ query: 'abe', k: 101 })).rejects.toMatchObject({ code: 'BAD_INPUT' });
      await engine.close();
    });

    it.runIf(vectors === 'hnsw')(
      'rebuilds a deleted or corrupt HNSW file from SQLite with the same results',
      async () => {
        const first: string[] = [];
        const engine = await open(createFakeEmbedder(), first);
        await engine.ingestPaths([articlesDir]);
        // A new index has no graph yet: that is not worth a line (it read "no HNSW sidecar …
        // rebuilding" on every first ingest).
        expect(first.join('\n')).not.toMatch(/sidecar|rebuilding/);
        const before = await engine.search({ query: 'peace treaty islands', mode: 'dense', k: 10 });
        await engine.close();

        rmSync(join(indexDir, HNSW_FILE));
        let log: string[] = [];
        let reopened = await open(createFakeEmbedder(), log);
        const afterDelete = await reopened.search({ query: 'peace treaty islands', mode: 'dense', k: 10 });
        expect(log.join('\n')).toMatch(/rebuilding the HNSW index/);
        expect(afterDelete.hits.map((h) => h.passageId)).toEqual(before.hits.map((h) => h.passageId));
        // A reader rebuilt it in memory and wrote nothing; the next writer saves it.
        expect(existsSync(join(indexDir, HNSW_FILE))).toBe(false);
        await reopened.ingestPaths([articlesDir]);
        expect(existsSync(join(indexDir, HNSW_FILE))).toBe(true);
        await reopened.close();

        const bytes = readFileSync(join(indexDir, HNSW_FILE));
        bytes.fill(7, 100, 400);
        writeFileSync(join(indexDir, HNSW_FILE), bytes);
        log = [];
        reopened = await open(createFakeEmbedder(), log);
        const afterCorrupt = await reopened.search({ query: 'peace treaty islands', mode: 'dense', k: 10 });
        expect(log.join('\n')).toMatch(/does not match its checksum: rebuilding/);
        expect(afterCorrupt.hits.map((h) => h.passageId)).toEqual(before.hits.map((h) => h.passageId));
        await reopened.close();
      },
    );

    it('a reader sees what another writer committed', async () => {
      const writer = await open();
      await writer.ingestPaths([join(articlesDir, '000_49243b7414c43ba9.txt')]);
      const reader = await open();
      const before = (await reader.search({ query: 'alliance United States', mode: 'dense', k: 50 })).hits;
      expect(before.length).toBeGreaterThan(0);
      expect(before.every((h) => h.articleId === '000_49243b7414c43ba9')).toBe(true);
      await writer.ingestPaths([join(articlesDir, '001_5b0540494f67e9be.txt')]);
      const dense = await reader.search({ query: 'alliance United States', mode: 'dense', k: 50 });
      expect(dense.hits.some((h) => h.articleId === '001_5b0540494f67e9be')).toBe(true);
      await writer.close();
      await reader.close();
    });

    it('refuses an index built with another model, saying how to fix it', async () => {
      const engine = await open();
      await engine.ingestPaths([articlesDir]);
      await engine.close();
      await expect(open(createFakeEmbedder({ modelId: 'other/model' }))).rejects.toMatchObject({
        code: 'INDEX_MODEL_MISMATCH',
        message: expect.stringContaining('rebuild'),
      });
      await expect(open(createFakeEmbedder({ dimension: 32 }))).rejects.toMatchObject({
        code: 'INDEX_MODEL_MISMATCH',
      });
      // The refusal damaged nothing.
      const again = await open();
      expect((await again.stats()).articles).toBe(3);
      await again.close();
    });

    it('filters by source, article id and metadata', async () => {
      const engine: SearchEngine = await open();
      await engine.ingestPaths([articlesDir, join(FIXTURES, 'formats', 'records.jsonl')]);
      const tass = await engine.search({ query: 'cooperation', k: 50, filters: { source: 'tass' } });
      expect(tass.hits.length).toBeGreaterThan(0);
      expect(tass.hits.every((h) => h.source === 'TASS')).toBe(true);
      const one = await engine.search({
        query: 'peace treaty',
        k: 50,
        filters: { articleIds: ['001_5b0540494f67e9be'] },
      });
      expect(new Set(one.hits.map((h) => h.articleId))).toEqual(new Set(['001_5b0540494f67e9be']));
      const transport = await engine.search({
        query: 'opened repaired',
        k: 50,
        filters: { metadata: { topic: 'transport' } },
      });
      expect(new Set(transport.hits.map((h) => h.articleId))).toEqual(new Set(['rec-2', 'rec-5']));
      const dated = await engine.search({ query: 'peace treaty', k: 50, filters: { dateFrom: '--01-25' } });
      expect(new Set(dated.hits.map((h) => h.articleId))).toEqual(new Set(['001_5b0540494f67e9be']));
      await engine.close();
    });
    it('counts facets over the whole matched set, the same on every backend', async () => {
      const engine = await open();
      await engine.ingestPaths([articlesDir], { collection: 'news' });
      await engine.ingestPaths([join(FIXTURES, 'formats', 'records.jsonl')], { collection: 'records' });
      const facets = ['source', 'year', 'place', 'collection'] as const;
      // Lexical: the matched set is decided by the words alone (both seeds and the notes say
      // Russia, one record says rail), so every backend must count exactly this.
      const r = await engine.results({ query: 'Russia rail', mode: 'lexical', limit: 1, facets });
      expect(r.total).toBe(4);
      expect(r.cards).toHaveLength(1);
      expect(r.facets).toEqual({
        source: [{ value: 'TASS', count: 2 }],
        year: [
          { value: '2018', count: 1 },
          { value: '2019', count: 1 },
        ],
        place: [{ value: 'TOKYO', count: 2 }],
        collection: [
          { value: 'news', count: 3 },
          { value: 'records', count: 1 },
        ],
      });
      // A filter narrows the counted set, not only the page.
      const tass = await engine.results({
        query: 'Russia rail',
        mode: 'lexical',
        filters: { source: 'tass' },
        facets,
      });
      expect(tass.total).toBe(2);
      expect(tass.facets?.collection).toEqual([{ value: 'news', count: 2 }]);
      expect(tass.facets?.source).toEqual([{ value: 'TASS', count: 2 }]);
      await engine.close();
    });

    it('filters lexical search inside the query: one article among 1,101 is found', async () => {
      const engine = await open();
      const article = (id: string, title: string, text: string) => ({
        id,
        title,
        text,
        paragraphs: [{ index: 0, start: 0, end: text.length }],
        metadata: {},
      });
      const filler = Array.from({ length: 1100 }, (_, i) =>
        article(`filler-${i}`, `Harbour report ${i}`, `The harbour harbour harbour was busy on day ${i}.`),
      );
      const target = article('target', 'A quiet inland town', 'Far from any harbour, the town slept.');
      await engine.ingestArticles([...filler, target]);
      for (const mode of ['lexical', 'dense', 'hybrid'] as const) {
        const r = await engine.search({ query: 'harbour', mode, filters: { articleIds: ['target'] } });
        expect(
          r.hits.map((h) => h.articleId),
          mode,
        ).toEqual(['target']);
      }
      await engine.close();
    });

    it('stores statements with their article, replaces them on change, counts the speakers, reads stale ones on open', async () => {
      const said = (id: string, text: string, extra: Partial<Article>): Article => ({
        id,
        title: `Title ${id}`,
        text,
        paragraphs: [{ index: 0, start: 0, end: text.length }],
        metadata: {},
        ...extra,
      });
      const brown =
        'Gordon Brown said the economy was strong. "We will not raise taxes," the chancellor said.';
      const blair = 'Tony Blair said Iraq was safer. "We did the right thing," Mr Blair told MPs.';
      const { engine, store } = await openWithStore();
      await engine.ingestArticles([
        said('uk/a', brown, { collection: 'uk', date: '2005-03-01' }),
        said('uk/b', blair, { collection: 'uk', date: '2004-06-02' }),
        said('world/c', `${blair} ${brown}`, { collection: 'world', date: '2005-01-10' }),
      ]);
      const version = STATEMENTS_VERSION;
      const stored = await store.articleStatements(['uk/a', 'nope'], version);
      expect([...stored.keys()]).toEqual(['uk/a']);
      expect(stored.get('uk/a')).toEqual(extractStatements({ title: 'Title uk/a', text: brown }));
      expect((await store.articleStatements(['uk/a'], version + 1)).size).toBe(0);
      const all = await engine.speakers();
      expect(all.total).toBe(2);
      expect(all.speakers.map((s) => [s.name, s.articles, s.firstDate, s.lastDate])).toEqual([
        ['Gordon Brown', 2, '2005-01-10', '2005-03-01'],
        ['Tony Blair', 2, '2004-06-02', '2005-01-10'],
      ]);
      expect(all.speakers[0]?.roles).toContain('the chancellor');
      const uk2004 = await engine.speakers({ collections: ['uk'], dateTo: '2004' });
      expect(uk2004.speakers.map((s) => [s.name, s.articles])).toEqual([['Tony Blair', 1]]);
      expect((await engine.speakers({ limit: 1 })).speakers).toHaveLength(1);
      const newest = await store.speakerStatements(['Tony Blair'], version, { articles: 5 });
      expect(newest.map((a) => a.articleId)).toEqual(['world/c', 'uk/b']);
      expect(newest.every((a) => a.statements.every((st) => st.speaker === 'Tony Blair'))).toBe(true);

      // A changed text replaces them; a removed article takes them away.
      await engine.ingestArticles([said('uk/a', blair, { collection: 'uk', date: '2005-03-01' })]);
      expect((await store.articleStatements(['uk/a'], version)).get('uk/a')?.map((st) => st.speaker)).toEqual(
        extractStatements({ text: blair }).map((st) => st.speaker),
      );
      await engine.deleteArticles(['world/c']);
      expect((await engine.speakers()).speakers.map((s) => [s.name, s.articles])).toEqual([
        ['Tony Blair', 2],
      ]);
      expect(await store.staleStatements(version, 10)).toEqual({ total: 0, ids: [] });
      await engine.close();

      // Written without statements (as by an older semsearch): read on the next open.
      const plain = await open();
      await plain.ingestArticles([said('uk/d', brown, { collection: 'uk' })], { statements: false });
      await plain.close();
      const log: string[] = [];
      const reopened = await openWithStore(createFakeEmbedder(), log);
      expect(await reopened.store.staleStatements(version, 10)).toEqual({ total: 0, ids: [] });
      expect((await reopened.engine.speakers()).speakers.map((s) => s.name)).toEqual([
        'Tony Blair',
        'Gordon Brown',
      ]);
      const quoted = await reopened.engine.statements({ speaker: 'the chancellor', topic: 'taxes' });
      expect(quoted.speaker.matched).toEqual(['Gordon Brown']);
      await reopened.engine.close();
    });

    it('answers every method of the store, as its capabilities say', async () => {
      const { engine, store } = await openWithStore();
      await engine.ingestArticles(FACTS_ARTICLES);
      expect(store.capabilities).toEqual(
        vectors !== 'elasticsearch'
          ? { exactWordCoverage: true, fieldUpdates: true, inMemoryLexical: true, networked: false }
          : { exactWordCoverage: false, fieldUpdates: false, inMemoryLexical: false, networked: true },
      );
      const ids = (await store.lexicalSearch('barges', 50)).map((h) => h.passageId);
      expect(ids).toHaveLength(FACTS_ARTICLES.length);
      const owners = new Map((await store.getPassages(ids)).map((p) => [p.id, p.articleId]));
      expect(await store.passageArticles([...ids, 999_999])).toEqual(owners);
      expect(await store.passageArticles([])).toEqual(new Map());
      await store.warmLexical();
      expect((await store.lexicalSearch('barges', 50)).map((h) => h.passageId).sort()).toEqual(
        [...ids].sort(),
      );
      // Stems of "barges" and of "Tokyo": every passage says the one, none the other.
      const coverage = await store.wordCoverage(ids, [['barg'], ['tokyo']]);
      expect(coverage).toEqual(
        store.capabilities.exactWordCoverage ? new Map(ids.map((id) => [id, 0.5])) : new Map(),
      );
      // How common words are in the whole index: every passage holds "barges", none "Tokyo".
      const { passages } = await store.stats();
      expect(await store.wordFrequencies([['barg'], ['tokyo', 'zzzq']])).toEqual({
        passages,
        counts: [ids.length, vectors === 'elasticsearch' ? 0 : null],
      });
      await engine.close();
    });

    it('filters by place inside both searches, reads the collection with each passage', async () => {
      const { engine, store } = await openWithStore();
      await engine.ingestArticles(FACTS_ARTICLES);
      for (const mode of ['lexical', 'dense', 'hybrid'] as const) {
        const r = await engine.search({
          query: 'river barges grain',
          k: 50,
          mode,
          filters: { place: 'TOKYO' },
        });
        // Exact: "tokyo" is another place.
        expect(new Set(r.hits.map((h) => h.articleId)), mode).toEqual(new Set(['news/a1', 'wire/a3']));
      }
      const both = { place: 'TOKYO', collections: ['wire'] };
      expect(
        (await store.lexicalSearch('barges', 50, both)).length,
        'place and collection narrow together',
      ).toBe(1);
      expect(await store.lexicalSearch('barges', 50, { place: 'Kyoto' })).toEqual([]);
      const ids = (await store.lexicalSearch('barges', 50)).map((h) => h.passageId);
      const passages = await store.getPassages(ids);
      expect(passages).toHaveLength(FACTS_ARTICLES.length);
      for (const p of passages) {
        const written = FACTS_ARTICLES.find((a) => a.id === p.articleId);
        expect(p.collection, p.articleId).toBe(written?.collection ?? null);
        expect(p.place, p.articleId).toBe(written?.place ?? null);
      }
      await engine.close();
    });

    it('counts the corpus by collection and source, with the range of full dates', async () => {
      const { engine, store } = await openWithStore();
      const nothing = { articles: 0, collections: [], sources: [], dateFrom: null, dateTo: null };
      expect(await store.corpusFacts()).toEqual(nothing);
      await engine.ingestArticles(FACTS_ARTICLES);
      expect(await store.corpusFacts()).toEqual({
        articles: 6,
        collections: [
          { name: 'news', articles: 3 },
          { name: 'wire', articles: 2 },
        ],
        // Most first, then by name.
        sources: [
          { name: 'Reuters', articles: 2 },
          { name: 'TASS', articles: 2 },
          { name: 'AP', articles: 1 },
        ],
        // "--01-22" has no year: it is in no range.
        dateFrom: '2017',
        dateTo: '2019-05-03',
      });
      await engine.deleteArticles(['wire/a5', 'wire/a3']);
      expect(await store.corpusFacts()).toMatchObject({
        articles: 4,
        collections: [{ name: 'news', articles: 3 }],
        dateFrom: '2018-01-22',
        dateTo: '2018-01-22',
      });
      await engine.close();
    });

    it('gives the archive at a glance: months, the newest articles, each collection and its last change', async () => {
      const engine = await open();
      expect(await engine.archive({ newest: 3 })).toEqual({
        months: [],
        undated: 0,
        newest: [],
        collections: [],
      });
      await engine.ingestArticles(FACTS_ARTICLES);
      const all = await engine.archive({ newest: 10 });
      // A year-only date counts under its year; "--01-22" and no date are undated.
      expect(all.months).toEqual([
        { month: '2017', articles: 1 },
        { month: '2018-01', articles: 1 },
        { month: '2019-05', articles: 1 },
      ]);
      expect(all.undated).toBe(3);
      // Full dates first, newest first; then the others.
      expect(all.newest.slice(0, 3).map((a) => a.id)).toEqual(['wire/a3', 'news/a1', 'wire/a5']);
      expect(all.newest).toHaveLength(6);
      expect(all.collections.map(({ name, articles }) => ({ name, articles }))).toEqual([
        { name: 'news', articles: 3 },
        { name: 'wire', articles: 2 },
      ]);
      for (const c of all.collections) expect(Number.isNaN(Date.parse(c.updatedAt))).toBe(false);
      const narrowed = await engine.archive({ newest: 10, dateFrom: '2018-01-01', dateTo: '2018-12' });
      expect(narrowed.newest.map((a) => a.id)).toEqual(['news/a1']);
      expect((await engine.archive({ newest: 1 })).newest.map((a) => a.id)).toEqual(['wire/a3']);
      await engine.close();
    });

    it('lists articles a page at a time and counts collections', async () => {
      const engine = await open();
      expect(await engine.listArticles()).toEqual({ total: 0, articles: [] });
      expect(await engine.collections()).toEqual([]);
      await engine.ingestArticles(FACTS_ARTICLES);
      const all = await engine.listArticles();
      expect(all.total).toBe(6);
      expect(all.articles.map((a) => a.id)).toEqual([
        'a4',
        'news/a1',
        'news/a2',
        'news/a6',
        'wire/a3',
        'wire/a5',
      ]);
      expect(all.articles[1]).toMatchObject({
        id: 'news/a1',
        title: 'Barges news/a1',
        collection: 'news',
        date: '2018-01-22',
        source: 'TASS',
        sourcePath: null,
        passageCount: 1,
      });
      expect(all.articles[0]).toMatchObject({ collection: null, date: null, source: null });
      expect(Date.parse(all.articles[1]?.updatedAt ?? '')).not.toBeNaN();
      const page = await engine.listArticles({ collection: 'news', offset: 1, limit: 1 });
      expect(page).toMatchObject({ total: 3, articles: [{ id: 'news/a2' }] });
      expect(await engine.listArticles({ offset: 6 })).toEqual({ total: 6, articles: [] });
      expect(await engine.listArticles({ collection: 'none' })).toEqual({ total: 0, articles: [] });
      expect(await engine.collections()).toEqual([
        { name: 'news', articles: 3 },
        { name: 'wire', articles: 2 },
      ]);
      await engine.close();
    });

    it('applies minScore and dateTo', async () => {
      const engine = await open();
      await engine.ingestPaths([articlesDir]);
      const all = await engine.search({ query: 'peace treaty islands', k: 20 });
      // minScore filters on the calibrated relevance, which means the same in every list.
      const relevances = all.hits.map((h) => h.relevance).sort((a, b) => b - a);
      expect(new Set(relevances).size).toBeGreaterThan(1);
      const threshold = relevances[Math.floor(relevances.length / 2) - 1] as number;
      const kept = await engine.search({ query: 'peace treaty islands', k: 20, minScore: threshold });
      expect(kept.hits.length).toBeGreaterThan(0);
      expect(kept.hits.length).toBeLessThan(all.hits.length);
      expect(kept.hits.every((h) => h.relevance >= threshold)).toBe(true);
      expect(kept.hits.map((h) => h.score)).toEqual([...kept.hits.map((h) => h.score)].sort((a, b) => b - a));
      const early = await engine.search({ query: 'peace treaty', k: 50, filters: { dateTo: '--01-25' } });
      expect(new Set(early.hits.map((h) => h.articleId))).toEqual(new Set(['000_49243b7414c43ba9']));
      await engine.close();
    });

    it('a reader stops returning what another writer deleted', async () => {
      const writer = await open();
      await writer.ingestPaths([articlesDir]);
      const reader = await open();
      const q = { query: 'salmon pollock quotas fishing', k: 50 } as const;
      for (const mode of ['dense', 'lexical'] as const) {
        expect((await reader.search({ ...q, mode })).hits.some((h) => h.articleId === 'notes')).toBe(true);
      }
      expect(await writer.deleteArticles(['notes'])).toMatchObject({ removed: 1 });
      for (const mode of ['dense', 'lexical', 'hybrid'] as const) {
        const r = await reader.search({ ...q, mode });
        if (mode !== 'lexical') expect(r.hits.length, mode).toBeGreaterThan(0);
        expect(
          r.hits.some((h) => h.articleId === 'notes'),
          mode,
        ).toBe(false);
      }
      await writer.close();
      await reader.close();
    });
    it.runIf(vectors === 'hnsw')(
      'compacts the graph once deletions pile up, keeping search exact',
      async () => {
        const log: string[] = [];
        const engine = await open(createFakeEmbedder(), log);
        const text = (i: number) => `Dispatch number ${i} about river barges and grain ${i % 7}.`;
        await engine.ingestArticles(
          Array.from({ length: 100 }, (_, i) => ({
            id: `a${i}`,
            title: `Dispatch ${i}`,
            text: text(i),
            paragraphs: [{ index: 0, start: 0, end: text(i).length }],
            metadata: {},
          })),
        );
        await engine.deleteArticles(Array.from({ length: 70 }, (_, i) => `a${i}`));
        expect(log.join('\n')).toMatch(/compacting the HNSW index \(70 deleted of 100\)/);
        const sidecar = JSON.parse(readFileSync(join(indexDir, `${HNSW_FILE}.json`), 'utf8')) as {
          deleted: number[];
        };
        expect(sidecar.deleted).toEqual([]);
        const r = await engine.search({ query: 'river barges grain', mode: 'dense', k: 50 });
        expect(r.hits.length).toBe(30);
        expect(r.hits.every((h) => Number(h.articleId.slice(1)) >= 70)).toBe(true);
        await engine.close();
      },
    );
  });
}
