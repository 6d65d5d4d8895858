/**
 * semsearch's side of the peer comparison: the engine over the cached index, with an embedder
 * that can hand back the shared query vectors (so its latency can be shown without the model,
 * like the peers'), and a build of the same index from the same passages and vectors (SQLite,
 * FTS5, HNSW; no embedding), so its build time and size compare with the peers'.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { parseQuery } from '../src/analysis/index.js';
import { createSqliteStore, openEmbeddedBackend } from '../src/backends/embedded/index.js';
import type { ArticleWrite, IndexManifest, StoredPassage } from '../src/backends/index.js';
import type { Embedder } from '../src/embed/index.js';
import { storedArticleWrite } from './copy-index.js';
import { diskBytes } from './peers-common.js';

/** Articles per write, as the ingest runner batches them. */
const BUILD_BATCH_ARTICLES = 32;

/** The text semsearch embeds for a question (the words, without query syntax). */
export function embeddedQueryText(query: string): string {
  return parseQuery(query.trim()).plain;
}

/**
 * The real embedder, except that while `precomputed` is on, a question whose vector was shared
 * beforehand gets that vector back without running the model.
 */
export function sharedVectorEmbedder(
  real: Embedder,
  shared: ReadonlyMap<string, Float32Array>,
): { embedder: Embedder; state: { precomputed: boolean; misses: number } } {
  const state = { precomputed: false, misses: 0 };
  const embedder: Embedder = {
    info: real.info,
    countTokens: (text) => real.countTokens(text),
    embedPassages: (texts) => real.embedPassages(texts),
    async embedQuery(text) {
      const vector = state.precomputed ? shared.get(text) : undefined;
      if (vector) return vector;
      if (state.precomputed) state.misses++;
      return real.embedQuery(text);
    },
    // The real embedder is shared across collections; its owner disposes of it.
    dispose: async () => {},
  };
  return { embedder, state };
}

/** Articles and passages of an index, read in full (not timed: the peers get theirs in memory too). */
export async function readIndex(dir: string): Promise<{
  manifest: IndexManifest;
  writes: ArticleWrite[];
  passages: StoredPassage[];
  embeddings: Map<number, Float32Array>;
}> {
  const store = createSqliteStore({ dir, mustExist: true });
  const manifest = await store.manifest();
  if (!manifest) throw new Error(`${dir} has no manifest; build it with npm run eval first`);
  const embeddings = new Map<number, Float32Array>();
  for (const { id, embedding } of store.source.allEmbeddings()) embeddings.set(id, embedding);
  const ids = [...embeddings.keys()];
  const passages: StoredPassage[] = [];
  for (let i = 0; i < ids.length; i += 500)
    passages.push(...(await store.getPassages(ids.slice(i, i + 500))));
  const byArticle = new Map<string, StoredPassage[]>();
  for (const p of passages) byArticle.set(p.articleId, [...(byArticle.get(p.articleId) ?? []), p]);
  const writes: ArticleWrite[] = [];
  for (const [id, hash] of await store.articleHashes()) {
    const stored = await store.getArticle(id);
    if (!stored) continue;
    writes.push(storedArticleWrite(stored, hash, byArticle.get(id) ?? [], embeddings));
  }
  await store.close();
  return { manifest, writes, passages, embeddings };
}

/** Writes the articles with their vectors into a new index folder: SQLite + FTS5 + HNSW. */
export async function buildSemsearchIndex(
  dir: string,
  manifest: IndexManifest,
  writes: readonly ArticleWrite[],
): Promise<{ seconds: number; bytes: number }> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const backend = openEmbeddedBackend({ dir });
  await backend.store.initManifest(manifest);
  for (let i = 0; i < writes.length; i += BUILD_BATCH_ARTICLES) {
    const change = await backend.store.replaceArticles(writes.slice(i, i + BUILD_BATCH_ARTICLES));
    await backend.vectorIndex.applyWrite(change);
  }
  await backend.vectorIndex.flush();
  await backend.vectorIndex.close();
  await backend.store.close();
  const seconds = (performance.now() - started) / 1000;
  return { seconds, bytes: diskBytes(dir) };
}
