/**
 * The Elasticsearch backend's store and vector index against the three-node test cluster:
 * mappings and shards, bulk writes and replacement, BM25 and kNN with filters pushed down,
 * deletes, and the errors of a cluster that is not there.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEsClient } from '../../src/backends/elasticsearch/client.js';
import { listArticles } from '../../src/backends/elasticsearch/es-listing.js';
import {
  type ElasticsearchBackend,
  indexNames,
  openElasticsearchBackend,
} from '../../src/backends/elasticsearch/index.js';
import {
  articleIndexBody,
  ES_MAPPING_UPGRADABLE,
  ES_MAPPING_VERSION,
} from '../../src/backends/elasticsearch/mappings.js';
import { updateState } from '../../src/backends/elasticsearch/state.js';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { createSearchEngine } from '../../src/index.js';
import type { Article } from '../../src/parse/index.js';
import { ES_MISSING, ES_REQUIRED, ES_TEST_URLS, esNamespace } from '../es-helpers.js';

const embedder = createFakeEmbedder();

function article(id: string, title: string, paragraphs: string[], extra: Partial<Article> = {}): Article {
  const text = paragraphs.join('\n\n');
  let at = 0;
  const spans = paragraphs.map((p, index) => {
    const span = { index, start: at, end: at + p.length };
    at += p.length + 2;
    return span;
  });
  return { id, title, text, paragraphs: spans, metadata: {}, ...extra };
}

async function write(backend: ElasticsearchBackend, articles: Article[]) {
  const writes = await Promise.all(
    articles.map(async (a) => ({
      article: a,
      contentHash: `hash-${a.id}-${a.text.length}`,
      passages: await Promise.all(
        a.paragraphs.map(async (p, ordinal) => {
          const text = a.text.slice(p.start, p.end);
          const {
            vectors: [embedding],
          } = await embedder.embedPassages([text]);
          return {
            draft: {
              articleId: a.id,
              ordinal,
              paragraph: p.index,
              start: p.start,
              end: p.end,
              text,
              tokens: 0,
            },
            embedding: embedding as Float32Array,
          };
        }),
      ),
    })),
  );
  const change = await backend.store.replaceArticles(writes);
  await backend.vectorIndex.flush();
  return change;
}

const KURILS = article(
  'kurils',
  'Abe on the southern Kurils',
  [
    'Japanese Prime Minister Shinzo Abe said Tokyo wants a peace treaty with Moscow.',
    'The dispute over the Kuril Islands, Kunashir and Iturup, has lasted since 1945.',
  ],
  { source: 'TASS', date: '2018-01-22', place: 'TOKYO', metadata: { section: 'world', collection: 'seeds' } },
);
const CHINA = article(
  'china',
  'Trade talks in Beijing',
  ['Chinese and American negotiators met in Beijing to discuss tariffs on steel.'],
  { source: 'Reuters', date: '2019-05-03', metadata: { section: 'business' } },
);

describe.skipIf(ES_MISSING !== undefined)(
  `Elasticsearch store${ES_MISSING ? ` (not run: ${ES_MISSING})` : ''}`,
  () => {
    let backend: ElasticsearchBackend;
    let namespace: string;
    beforeEach(async () => {
      namespace = esNamespace();
      backend = await openElasticsearchBackend({ url: ES_TEST_URLS, namespace });
      await backend.store.initManifest({
        schemaVersion: 2,
        model: embedder.info,
        chunker: { maxTokens: 200, overlapSentences: 1, titlePrefix: true },
        createdAt: new Date().toISOString(),
      });
    });
    afterEach(async () => {
      await backend.store.drop();
      await backend.store.close();
    });

    it('writes articles in bulk, numbers passages, replaces and deletes them', async () => {
      const first = await write(backend, [KURILS, CHINA]);
      expect(first.added.map((a) => a.id)).toEqual([1, 2, 3]);
      expect(first.removedPassageIds).toEqual([]);
      expect(await backend.store.stats()).toMatchObject({
        articles: 2,
        passages: 3,
        generation: first.generation,
      });
      expect(await backend.store.articleHashes()).toEqual(
        new Map([
          ['china', `hash-china-${CHINA.text.length}`],
          ['kurils', `hash-kurils-${KURILS.text.length}`],
        ]),
      );
      const stored = await backend.store.getArticle('kurils');
      expect(stored).toMatchObject({
        title: KURILS.title,
        text: KURILS.text,
        passageCount: 2,
        source: 'TASS',
        date: '2018-01-22',
      });
      expect(stored?.paragraphs).toEqual(KURILS.paragraphs);

      const again = await write(backend, [KURILS]);
      expect(again.removedPassageIds).toEqual([1, 2]);
      expect(again.added.map((a) => a.id)).toEqual([4, 5]);
      expect(again.generation).toBe(first.generation + 1);
      expect((await backend.store.getPassages([1, 4, 5])).map((p) => p.id)).toEqual([4, 5]);
      const [passage] = await backend.store.getPassages([5]);
      expect(passage).toMatchObject({ articleId: 'kurils', ordinal: 1, paragraph: 1, title: KURILS.title });
      expect(KURILS.text.slice(passage?.start, passage?.end)).toBe(passage?.text);

      const embeddings = await backend.store.getEmbeddings([4, 99]);
      expect([...embeddings.keys()]).toEqual([4]);
      expect(embeddings.get(4)?.length).toBe(embedder.info.dimension);

      const removed = await backend.store.deleteArticles(['kurils', 'nope']);
      await backend.vectorIndex.flush();
      expect(removed.removedPassageIds.sort()).toEqual([4, 5]);
      expect(await backend.store.stats()).toMatchObject({ articles: 1, passages: 1 });
      expect(await backend.store.getArticle('kurils')).toBeUndefined();
      expect(await backend.maintenance.integrityCheck()).toBe('ok');
    });

    it('ranks by BM25 over stemmed title and text, with stop words dropped and filters inside', async () => {
      await write(backend, [KURILS, CHINA]);
      // Passage 2 holds "dispute" and "Islands"; passage 1 only shares the title's "Kurils".
      const hits = await backend.store.lexicalSearch('what about the dispute over the Kuril islands', 10);
      expect(hits.map((h) => h.passageId)).toEqual([2, 1]);
      expect(hits[0]?.bm25).toBeGreaterThan(hits[1]?.bm25 ?? Infinity);
      // "islands" finds "Islands" and "tariff" finds "tariffs": both sides are Porter-stemmed.
      expect((await backend.store.lexicalSearch('tariff', 10)).map((h) => h.passageId)).toEqual([3]);
      expect(await backend.store.lexicalSearch('Kurils', 10, { source: 'reuters' })).toEqual([]);
      expect(
        (await backend.store.lexicalSearch('Beijing Iturup', 10, { source: 'tass' })).map((h) => h.passageId),
      ).toEqual([2]);
      expect(
        (await backend.store.lexicalSearch('Beijing Iturup', 10, { dateFrom: '2019-01-01' })).map(
          (h) => h.passageId,
        ),
      ).toEqual([3]);
      expect(
        (await backend.store.lexicalSearch('Beijing Iturup', 10, { dateTo: '2018-12-31' })).map(
          (h) => h.passageId,
        ),
      ).toEqual([2]);
      expect(
        (await backend.store.lexicalSearch('Beijing Iturup', 10, { metadata: { section: 'business' } })).map(
          (h) => h.passageId,
        ),
      ).toEqual([3]);
      expect(
        (await backend.store.lexicalSearch('Beijing Iturup', 10, { articleIds: ['kurils'] })).map(
          (h) => h.passageId,
        ),
      ).toEqual([2]);
      // The embedded backend's query syntax: required phrases, excluded words.
      expect((await backend.store.lexicalSearch('"Kuril Islands"', 10)).map((h) => h.passageId)).toEqual([2]);
      expect((await backend.store.lexicalSearch('Kurils -dispute', 10)).map((h) => h.passageId)).toEqual([1]);
      for (const hostile of ['"', 'title:abe', 'abe* OR (', '*:*', '']) {
        await expect(backend.store.lexicalSearch(hostile, 5)).resolves.toBeInstanceOf(Array);
      }
    });

    it('answers kNN with cosine similarity and the filters applied inside the search', async () => {
      const written = await write(backend, [KURILS, CHINA]);
      const target = written.added[2];
      const hits = await backend.vectorIndex.search(target?.embedding as Float32Array, 3);
      expect(hits[0]?.id).toBe(3);
      expect(hits[0]?.similarity).toBeCloseTo(1, 5);
      const filtered = await backend.vectorIndex.search(target?.embedding as Float32Array, 3, {
        source: 'TASS',
      });
      expect(filtered.map((h) => h.id).sort()).toEqual([1, 2]);
      expect(filtered.every((h) => h.similarity < 0.999)).toBe(true);
    });

    it('lists past the result window by walking sort values, as within it', async () => {
      const more = ['c1', 'c2', 'c3'].map((id) => article(id, `Note ${id}`, [`A short note ${id}.`]));
      await write(backend, [KURILS, CHINA, ...more]);
      const ids = ['c1', 'c2', 'c3', 'china', 'kurils'];
      const client = createEsClient(ES_TEST_URLS);
      try {
        for (const [offset, limit] of [
          [0, 5],
          [1, 2],
          [2, 2],
          [3, 2],
          [4, 5],
          [5, 1],
          [9, 1],
        ] as const) {
          // A window of 2 (the cluster's is 10,000) makes most of these walk.
          const page = await listArticles(client, backend.store.names.articles, { offset, limit }, 2);
          expect(page.total, `${offset}+${limit}`).toBe(ids.length);
          expect(
            page.articles.map((a) => a.id),
            `${offset}+${limit}`,
          ).toEqual(ids.slice(offset, offset + limit));
        }
      } finally {
        await client.close();
      }
      expect(await backend.store.collections()).toEqual([{ name: 'seeds', articles: 1 }]);
      expect((await backend.store.listArticles({ collection: 'seeds' })).articles).toMatchObject([
        { id: 'kurils', collection: 'seeds', source: 'TASS', date: '2018-01-22', passageCount: 2 },
      ]);
    });

    it('upgrades a mapping-version-4 namespace in place: the statements fields added, statements read on open, no re-embedding', async () => {
      // A namespace as version 4 made it: the articles index without the statements fields.
      const old = esNamespace();
      const names = indexNames(old);
      const client = createEsClient(ES_TEST_URLS);
      const body = articleIndexBody();
      const { statements: _s, statements_version: _v, ...v4 } = body.mappings.properties;
      await client.indices.create({
        index: names.articles,
        settings: body.settings,
        mappings: { ...body.mappings, properties: v4 } as never,
      });
      const v4Backend = await openElasticsearchBackend({ url: ES_TEST_URLS, namespace: old });
      try {
        await v4Backend.store.initManifest({
          schemaVersion: 5,
          model: embedder.info,
          chunker: { maxTokens: 200, overlapSentences: 1, titlePrefix: true },
          createdAt: new Date().toISOString(),
        });
        await updateState(client, names.state, (st) => ({ ...st, mappingVersion: ES_MAPPING_UPGRADABLE }));
        const said = article('said', 'Brown on taxes', ['"We will not raise taxes," Gordon Brown said.']);
        const written = await write(v4Backend, [said]);
        await v4Backend.store.close();

        const later = await openElasticsearchBackend({ url: ES_TEST_URLS, namespace: old });
        const engine = await createSearchEngine({ ...later, embedder, indexDir: old, logLevel: 'silent' });
        expect((await engine.speakers()).speakers.map((sp) => [sp.name, sp.statements])).toEqual([
          ['Gordon Brown', 1],
        ]);
        expect((await later.store.stats()).passages).toBe(written.added.length);
        expect(await later.store.getEmbeddings(written.added.map((a) => a.id))).toEqual(
          new Map(written.added.map((a) => [a.id, a.embedding])),
        );
        await engine.close();
        const state = await client.get<{ mappingVersion: number }>({ index: names.state, id: 'state' });
        expect(state._source?.mappingVersion).toBe(ES_MAPPING_VERSION);
      } finally {
        await client.indices.delete({
          index: [names.passages, names.articles, names.state],
          ignore_unavailable: true,
        });
        await client.close();
      }
    });

    it('refuses indices made with another mapping version, saying how to start over', async () => {
      await write(backend, [KURILS]);
      // As a namespace written before the mapping version was recorded looks.
      const client = createEsClient(ES_TEST_URLS);
      await updateState(client, backend.store.names.state, ({ mappingVersion: _, ...rest }) => rest);
      await client.close();
      const later = await openElasticsearchBackend({ url: ES_TEST_URLS, namespace });
      const refused = await later.store.manifest().catch((error: unknown) => error);
      await later.store.close();
      expect(refused).toMatchObject({ code: 'INDEX_SCHEMA_MISMATCH' });
      expect((refused as Error).message).toMatch(
        new RegExp(`mapping version 1, this one writes ${ES_MAPPING_VERSION}.*DELETE .*ingest again`),
      );
    });
  },
);

describe.runIf(ES_MISSING !== undefined && ES_REQUIRED)('Elasticsearch test cluster under CI', () => {
  it('is running (CI starts it with scripts/es-cluster.sh start)', () => {
    expect(ES_MISSING).toBeUndefined();
  });
});

describe('Elasticsearch backend with no cluster', () => {
  it('fails fast with BACKEND_UNAVAILABLE naming the URL and what to do', async () => {
    const failure = openElasticsearchBackend({ url: 'http://127.0.0.1:9' });
    await expect(failure).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE', status: 503 });
    await expect(failure).rejects.toThrow(/127\.0\.0\.1:9.*es-cluster\.sh start/);
  });
});
