/**
 * Copy an embedded index (SQLite) into an Elasticsearch namespace without embedding again:
 * the same passages and vectors, so the two backends are compared on retrieval alone, and
 * the cluster's write throughput is measured apart from the model's.
 */

import { openElasticsearchBackend } from '../src/backends/elasticsearch/index.js';
import { createSqliteStore } from '../src/backends/embedded/index.js';
import type { ArticleWrite, Backend, StoredArticle, StoredPassage } from '../src/backends/index.js';
import type { CopyFacts } from '../src/copies/index.js';
import type { Article } from '../src/parse/index.js';

/**
 * A stored article, its passages and their vectors as the write that stores them again
 * (no chunking, no embedding): how an index is copied into another backend or rebuilt.
 */
export function storedArticleWrite(
  stored: StoredArticle,
  contentHash: string,
  passages: readonly StoredPassage[],
  embeddings: ReadonlyMap<number, Float32Array>,
  copy?: CopyFacts,
): ArticleWrite {
  const article: Article = {
    id: stored.id,
    title: stored.title,
    text: stored.text,
    paragraphs: stored.paragraphs,
    place: stored.place ?? undefined,
    date: stored.date ?? undefined,
    source: stored.source ?? undefined,
    collection: stored.collection ?? undefined,
    sourcePath: stored.sourcePath ?? undefined,
    metadata: stored.metadata,
  };
  return {
    article,
    contentHash,
    copy,
    passages: [...passages]
      .sort((a, b) => a.ordinal - b.ordinal)
      .map((p) => ({
        draft: {
          articleId: stored.id,
          ordinal: p.ordinal,
          paragraph: p.paragraph,
          start: p.start,
          end: p.end,
          text: p.text,
          tokens: 0,
        },
        embedding: embeddings.get(p.id) as Float32Array,
      })),
  };
}

/** Articles per replaceArticles call, as the ingest runner's batches. */
const COPY_BATCH_ARTICLES = 32;

export async function copyEmbeddedToElasticsearch(
  dir: string,
  esUrl: string,
  namespace: string,
): Promise<{ articles: number; passages: number; seconds: number }> {
  const dst = await openElasticsearchBackend({ url: esUrl, namespace });
  await dst.store.drop();
  return copyEmbeddedIndex(dir, dst);
}

/**
 * Write an embedded index's articles, passages and vectors into an empty backend (closed
 * afterwards) as the ingest runner does, timing the writes only.
 */
export async function copyEmbeddedIndex(
  dir: string,
  dst: Backend,
): Promise<{ articles: number; passages: number; seconds: number }> {
  const src = createSqliteStore({ dir, mustExist: true });
  const manifest = await src.manifest();
  if (!manifest) throw new Error(`${dir} has no manifest`);
  const embeddings = new Map<number, Float32Array>();
  for (const { id, embedding } of src.source.allEmbeddings()) embeddings.set(id, embedding);
  const ids = [...embeddings.keys()];
  const byArticle = new Map<string, StoredPassage[]>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const p of await src.getPassages(ids.slice(i, i + 500))) {
      const list = byArticle.get(p.articleId) ?? [];
      list.push(p);
      byArticle.set(p.articleId, list);
    }
  }
  const hashes = await src.articleHashes();
  const copies = await src.articleCopies();
  await dst.store.initManifest(manifest);
  const articleIds = [...hashes.keys()];
  const started = performance.now();
  let passages = 0;
  for (let i = 0; i < articleIds.length; i += COPY_BATCH_ARTICLES) {
    const writes: ArticleWrite[] = [];
    for (const id of articleIds.slice(i, i + COPY_BATCH_ARTICLES)) {
      const stored = await src.getArticle(id);
      if (!stored) continue;
      const list = byArticle.get(id) ?? [];
      passages += list.length;
      writes.push(storedArticleWrite(stored, stored.contentHash, list, embeddings, copies.get(id)));
    }
    await dst.vectorIndex.applyWrite(await dst.store.replaceArticles(writes));
  }
  await dst.vectorIndex.flush();
  const seconds = (performance.now() - started) / 1000;
  await dst.vectorIndex.close();
  await dst.store.close();
  await src.close();
  return { articles: articleIds.length, passages, seconds };
}
