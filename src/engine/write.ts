/**
 * The write operations over the engine's context: ingest files or articles, delete articles.
 * Each runs under the index's single-writer lock and saves the vector index once at the end.
 */
import type { SearchError } from '../errors.js';
import { type IngestRunOptions, type IngestSummary, runIngest } from '../ingest/index.js';
import {
  type Article,
  checkArticle,
  checkCollectionName,
  countArticles,
  type LoadItem,
  type LoadOptions,
  loadArticles,
} from '../parse/index.js';
import type { EngineContext } from '../search/context.js';
import { ensureManifest } from './manifest.js';

async function write(
  ctx: EngineContext,
  items: Iterable<LoadItem>,
  options: IngestRunOptions,
): Promise<IngestSummary> {
  return ctx.maintenance.withWriteLock(async () => {
    const embedder = await ctx.embedder();
    const manifest = await ensureManifest(
      ctx.store,
      embedder.info,
      ctx.config.chunkMaxTokens,
      ctx.config.passageContext,
    );
    try {
      return await runIngest(
        { store: ctx.store, vectorIndex: ctx.vectorIndex, embedder, chunker: manifest.chunker },
        items,
        options,
      );
    } finally {
      await ctx.vectorIndex.flush();
    }
  });
}

export async function ingestPaths(
  ctx: EngineContext,
  paths: readonly string[],
  options: IngestRunOptions & LoadOptions = {},
): Promise<IngestSummary> {
  if (typeof options.collection === 'string') checkCollectionName(options.collection);
  const loadOptions: LoadOptions = {
    include: options.include,
    exclude: options.exclude,
    collection: options.collection,
    year: options.year,
  };
  // With collections, prune stays inside the collections of this ingest.
  const collection = options.collection;
  const pruneCollections =
    collection === undefined
      ? undefined
      : paths.map((root) => (typeof collection === 'function' ? collection(root) : collection));
  let total: number | undefined;
  try {
    total = countArticles(paths, loadOptions);
  } catch {
    total = undefined; // a missing path is reported as a skip by the loader
  }
  return write(ctx, loadArticles(paths, loadOptions), {
    ...options,
    roots: paths,
    pruneCollections,
    articlesTotal: total,
  });
}

export async function ingestArticles(
  ctx: EngineContext,
  articles: readonly Article[],
  options: IngestRunOptions = {},
): Promise<IngestSummary> {
  const items: LoadItem[] = articles.flatMap((a): LoadItem[] => {
    const path = `article ${a.id}`;
    const warnings: LoadItem[] = [];
    try {
      const article = checkArticle(a, path, (error) => warnings.push({ kind: 'skip', path, error }));
      return [...warnings, { kind: 'article', article }];
    } catch (error) {
      return [{ kind: 'skip', path, error: error as SearchError }];
    }
  });
  return write(ctx, items, { ...options, articlesTotal: articles.length });
}

export async function deleteArticles(
  ctx: EngineContext,
  ids: readonly string[],
): Promise<{ removed: number; generation: number }> {
  return ctx.maintenance.withWriteLock(async () => {
    const known = await ctx.store.articleHashes();
    const present = ids.filter((id) => known.has(id));
    if (present.length === 0) return { removed: 0, generation: await ctx.store.generation() };
    const change = await ctx.store.deleteArticles(present);
    await ctx.vectorIndex.applyWrite(change);
    await ctx.vectorIndex.flush();
    return { removed: present.length, generation: change.generation };
  });
}
