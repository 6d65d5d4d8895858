/**
 * A store that writes only part of a batch (as the Elasticsearch backend does when a node is
 * lost and a shard cannot take writes) makes the ingest report those articles as skipped, by
 * id, and go on with the next batches. The store is the real SQLite one behind a wrapper that
 * refuses every article whose id ends in "-lost".
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEmbeddedBackend } from '../../src/backends/embedded/index.js';
import type { ChunkStore } from '../../src/backends/index.js';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { SearchError } from '../../src/errors.js';
import { createSearchEngine } from '../../src/index.js';
import { tempDir } from '../helpers.js';

function partialStore(inner: ChunkStore): ChunkStore {
  return {
    ...inner,
    async replaceArticles(writes) {
      const kept = writes.filter((w) => !w.article.id.endsWith('-lost'));
      const lost = writes.filter((w) => w.article.id.endsWith('-lost')).map((w) => w.article.id);
      const change = await inner.replaceArticles(kept);
      if (lost.length === 0) return change;
      throw new SearchError(
        'BACKEND_UNAVAILABLE',
        `${lost.length} articles were not written (shard unavailable)`,
        {
          details: { notWritten: lost, written: kept.map((w) => w.article.id), change },
        },
      );
    },
  };
}

describe('ingest over a store that writes part of a batch', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('counts what was written, names what was not, and keeps going', async () => {
    const backend = openEmbeddedBackend({ dir: tmp.dir });
    const engine = await createSearchEngine({
      indexDir: tmp.dir,
      embedder: createFakeEmbedder(),
      ...backend,
      store: partialStore(backend.store),
    });
    const articles = Array.from({ length: 300 }, (_, i) => {
      const id = i % 50 === 7 ? `a${i}-lost` : `a${i}`;
      const text = `Harbour report ${i}: ships, cranes and quotas.`;
      return {
        id,
        title: `Report ${i}`,
        text,
        paragraphs: [{ index: 0, start: 0, end: text.length }],
        metadata: {},
      };
    });
    const lost = articles.filter((a) => a.id.endsWith('-lost')).map((a) => a.id);
    const summary = await engine.ingestArticles(articles);
    expect(lost.length).toBe(6);
    expect(summary.articlesNew).toBe(294);
    expect(summary.skipped.map((s) => s.path).sort()).toEqual([...lost].sort());
    expect(summary.skipped.every((s) => s.code === 'BACKEND_UNAVAILABLE')).toBe(true);
    expect([...(await backend.store.articleHashes()).keys()].filter((id) => id.endsWith('-lost'))).toEqual(
      [],
    );
    expect((await engine.stats()).articles).toBe(294);
    const hits = await engine.search({ query: 'harbour report 12', mode: 'dense', k: 5 });
    expect(hits.hits.length).toBeGreaterThan(0);
    await engine.close();
  });
});
