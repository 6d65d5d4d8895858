/**
 * The ingest pipeline: articles → passages → embeddings → the store (each article atomic)
 * → the vector index. Unchanged articles (same content hash) are not embedded again, copies
 * join their story and reuse stored vectors (copies.ts); with `prune`, articles whose source
 * is positively gone are removed (see prune.ts).
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type {
  ArticleWrite,
  ChunkerSettings,
  ChunkStore,
  StoreChange,
  VectorIndex,
} from '../backends/index.js';
import { articleLede, chunkArticleInSlices, type PassageDraft } from '../chunk/index.js';
import { embeddingKey } from '../copies/index.js';
import type { Embedder } from '../embed/index.js';
import { isSearchError } from '../errors.js';
import type { Article, LoadItem } from '../parse/index.js';
import { nextTurn } from '../slices.js';
import { type CopyCheck, copyChecker, embedOnce } from './copies.js';
import { embeddingIds, embeddingText } from './embedding-text.js';
import { fieldsOnlyIds } from './fields-only.js';
import { inCollection, prunable } from './prune.js';
import { readStatementsInSlices } from './statements.js';
import {
  emptySummary,
  INGEST_FLUSH_PASSAGES,
  type IngestRunOptions,
  type IngestSkip,
  type IngestSummary,
} from './types.js';

export interface IngestDeps {
  store: ChunkStore;
  vectorIndex: VectorIndex;
  embedder: Embedder;
  chunker: ChunkerSettings;
}

/** Content hash: everything that changes what is stored or embedded. */
export function contentHash(article: Article, chunker: ChunkerSettings): string {
  // Not the id, the file or the collection: identical articles then hash alike.
  const { id: _id, sourcePath: _path, collection: _collection, ...rest } = article;
  const { collection: _inMetadata, ...metadata } = rest.metadata;
  const content = { ...rest, metadata };
  return createHash('sha256').update(JSON.stringify({ content, chunker })).digest('hex');
}

/**
 * A store that wrote part of a batch (a networked store losing a node) says which articles it
 * did not write and what it did write; those articles become skips and the ingest goes on.
 */
async function replaceReportingFailures(
  store: ChunkStore,
  writes: ArticleWrite[],
): Promise<{ change: StoreChange; notWritten: Set<string>; reason: string }> {
  try {
    return { change: await store.replaceArticles(writes), notWritten: new Set(), reason: '' };
  } catch (error) {
    const details = isSearchError(error)
      ? (error.details as { notWritten?: string[]; change?: StoreChange } | undefined)
      : undefined;
    if (!details?.notWritten || !details.change) throw error;
    return {
      change: details.change,
      notWritten: new Set(details.notWritten),
      reason: (error as Error).message,
    };
  }
}

interface Pending {
  article: Article;
  hash: string;
  isNew: boolean;
  passages: PassageDraft[];
  copy: CopyCheck;
}

export async function runIngest(
  deps: IngestDeps,
  items: Iterable<LoadItem> | AsyncIterable<LoadItem>,
  options: IngestRunOptions = {},
): Promise<IngestSummary> {
  const { store, embedder, chunker } = deps;
  const started = Date.now();
  const known = await store.articleHashes();
  const copyOf = await copyChecker(store);
  const seen = new Set<string>();
  const summary = emptySummary(await store.generation());
  const failedPaths = new Set<string>();
  const seenPaths = new Set<string>();
  let done = 0;
  let pending: Pending[] = [];
  let pendingPassages = 0;

  const progress = (current: string) =>
    options.onProgress?.({
      articlesDone: done,
      articlesTotal: options.articlesTotal,
      passagesEmbedded: summary.passagesEmbedded,
      elapsedMs: Date.now() - started,
      current,
    });

  const flush = async () => {
    if (pending.length === 0) return;
    const all = pending;
    pending = [];
    pendingPassages = 0;
    const idsOf = embeddingIds(embedder, chunker);
    const textsOf = new Map<Pending, string[]>();
    for (const p of all) {
      const lede = chunker.ledePrefix ? articleLede(p.article.text) : '';
      textsOf.set(
        p,
        p.passages.map((d) => embeddingText(p.article.title, d, chunker, lede)),
      );
    }
    // Stored articles whose embedded text is the same keep their passages and vectors.
    const fieldsOnly = await fieldsOnlyIds(
      store,
      all
        .filter((p) => !p.isNew)
        .map((p) => ({
          id: p.article.id,
          title: p.article.title,
          passages: p.passages,
          keys: (textsOf.get(p) ?? []).map(embeddingKey),
        })),
    );
    const batch = all.filter((p) => !fieldsOnly.has(p.article.id));
    const texts: string[] = [];
    const tokenIds: Array<number[] | undefined> = [];
    for (const p of batch) {
      const lede = chunker.ledePrefix ? articleLede(p.article.text) : '';
      texts.push(...(textsOf.get(p) ?? []));
      for (const d of p.passages) tokenIds.push(idsOf(p.article.title, d, lede));
    }
    const { vectors, keys, truncated, embedded, reused } = await embedOnce(store, embedder, texts, tokenIds);
    summary.passagesTruncated += truncated;
    summary.passagesEmbedded += embedded;
    summary.passagesReused += reused;
    let offset = 0;
    const writes: ArticleWrite[] = [];
    for (const p of batch) {
      const passages = p.passages.map((draft, i) => ({
        draft,
        embedding: vectors[offset + i] as Float32Array,
        key: keys[offset + i],
      }));
      offset += p.passages.length;
      const statements = options.statements === false ? undefined : await readStatementsInSlices(p.article);
      writes.push({ article: p.article, contentHash: p.hash, passages, copy: p.copy.facts, statements });
    }
    if (fieldsOnly.size > 0) {
      const kept = all.filter((p) => fieldsOnly.has(p.article.id));
      const change = await store.updateArticleFields(
        kept.map((p) => ({ article: p.article, contentHash: p.hash, passages: [], copy: p.copy.facts })),
      );
      await deps.vectorIndex.applyWrite(change);
      summary.generation = change.generation;
      summary.articlesMetadataOnly += kept.length;
    }
    // One store call per embedding batch: a networked store sends it as one bulk request.
    const { change, notWritten, reason } =
      writes.length > 0
        ? await replaceReportingFailures(store, writes)
        : { change: undefined, notWritten: new Set<string>(), reason: '' };
    if (change) {
      await deps.vectorIndex.applyWrite(change);
      summary.generation = change.generation;
    }
    for (const p of all) {
      if (notWritten.has(p.article.id)) {
        const skip: IngestSkip = {
          path: p.article.sourcePath ?? p.article.id,
          code: 'BACKEND_UNAVAILABLE',
          message: `Article "${p.article.id}" was not written: ${reason}`,
        };
        failedPaths.add(skip.path);
        summary.skipped.push(skip);
        options.onSkip?.(skip);
        done++;
        continue;
      }
      if (p.copy.match?.kind === 'exact') summary.copiesExact++;
      else if (p.copy.match) summary.copiesNear++;
      if (p.article.titleOnly) summary.articlesTitleOnly++;
      if (p.isNew) summary.articlesNew++;
      else summary.articlesChanged++;
      done++;
      progress(p.article.id);
    }
    // A turn for the event loop between batches: a server stays live while it ingests.
    await nextTurn();
  };

  for await (const item of items) {
    if (options.signal?.aborted) {
      summary.interrupted = true;
      break;
    }
    if (item.kind === 'skip') {
      const skip: IngestSkip = {
        path: item.path,
        line: item.line,
        code: item.error.code,
        message: item.error.message,
      };
      failedPaths.add(item.path);
      summary.skipped.push(skip);
      options.onSkip?.(skip);
      continue;
    }
    const article = item.article.sourcePath
      ? { ...item.article, sourcePath: resolve(item.article.sourcePath) }
      : item.article;
    if (seen.has(article.id)) {
      const skip: IngestSkip = {
        path: article.sourcePath ?? article.id,
        code: 'BAD_INPUT',
        message: `Article id "${article.id}" appears twice in this ingest; the later copy was skipped.`,
      };
      summary.skipped.push(skip);
      options.onSkip?.(skip);
      continue;
    }
    seen.add(article.id);
    if (article.sourcePath) seenPaths.add(article.sourcePath);
    const previous = known.get(article.id);
    let hash: string;
    let passages: PassageDraft[];
    let copy: CopyCheck;
    try {
      hash = contentHash(article, chunker);
      if (previous === hash) {
        summary.articlesUnchanged++;
        if (article.titleOnly) summary.articlesTitleOnly++;
        done++;
        progress(article.id);
        continue;
      }
      passages = await chunkArticleInSlices(article, {
        maxTokens: chunker.maxTokens,
        overlapSentences: chunker.overlapSentences,
        counter: embedder,
      });
      // After chunking: an article that cannot be prepared is not remembered as a story.
      copy = await copyOf(article);
    } catch (error) {
      // One article that cannot be hashed or cut into passages is a warning; the rest go in.
      const skip: IngestSkip = {
        path: article.sourcePath ?? article.id,
        code: 'BAD_INPUT',
        message: `Article "${article.id}" could not be prepared: ${(error as Error).message}`,
      };
      failedPaths.add(skip.path);
      summary.skipped.push(skip);
      options.onSkip?.(skip);
      continue;
    }
    pending.push({ article, hash, isNew: previous === undefined, passages, copy });
    pendingPassages += passages.length;
    if (pendingPassages >= INGEST_FLUSH_PASSAGES) await flush();
  }
  if (!options.signal?.aborted) await flush();
  else summary.interrupted = true;

  if (options.prune && !summary.interrupted) {
    const unseen = [...known.keys()].filter(
      (id) => !seen.has(id) && inCollection(id, options.pruneCollections),
    );
    const remove = prunable(await store.sourcePaths(unseen), {
      roots: options.roots ?? [],
      failedPaths,
      seenPaths,
    });
    summary.pruned = remove;
    if (remove.length > 0 && !options.dryRun) {
      const change = await store.deleteArticles(remove);
      await deps.vectorIndex.applyWrite(change);
      summary.articlesRemoved = remove.length;
      summary.generation = change.generation;
    }
  }
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}
