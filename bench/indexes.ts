/**
 * The benchmarks' cached indexes: the public collections built once into .cache/eval (or a
 * cluster namespace) and the 100k-passage scale corpus in .cache/bench, each rebuilt when the
 * code that shapes an index changed since it was built.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { openElasticsearchBackend } from '../src/backends/elasticsearch/index.js';
import { DATABASE_FILE } from '../src/backends/embedded/index.js';
import { createSearchEngine, type SearchEngine } from '../src/index.js';
import { ROOT } from './lib.js';

/**
 * Hash of the code that decides what an index holds: parsing, chunking, the model converter,
 * and the store's write path (not its read path: query syntax and search do not change what
 * is stored).
 */
export function codeStamp(dtype: string, backend: 'embedded' | 'elasticsearch' = 'embedded'): string {
  const h = createHash('sha256').update(dtype);
  const walk = (dir: string) => {
    for (const f of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, f.name);
      // The cluster backend's code shapes only its own indices, not the embedded cache.
      if (f.isDirectory() && f.name === 'elasticsearch' && backend === 'embedded') continue;
      if (f.isDirectory()) walk(p);
      else h.update(p.slice(ROOT.length)).update(readFileSync(p));
    }
  };
  for (const d of ['src/parse', 'src/ingest', 'src/chunk', 'src/embed']) walk(join(ROOT, d));
  // The cluster's documents and mappings shape its indices (a copy needs redoing when they change).
  const esWrite = ['mappings', 'documents', 'write-articles'].map(
    (f) => `src/backends/elasticsearch/${f}.ts`,
  );
  for (const f of [
    'src/backends/embedded/sqlite-schema.ts',
    'src/backends/embedded/sqlite-store.ts',
    ...(backend === 'elasticsearch' ? esWrite : []),
  ]) {
    h.update(f).update(readFileSync(join(ROOT, f)));
  }
  return h.digest('hex');
}

/** Where a benchmark's index lives: the embedded default, or an Elasticsearch cluster. */
export interface BenchBackend {
  backend: 'embedded' | 'elasticsearch';
  esUrl?: string | undefined;
  /** Fill a stale cluster namespace from the fresh embedded cache instead of embedding again. */
  copyFromEmbedded?: boolean | undefined;
}

/** Index settings other than the defaults, for measuring them (each gets its own cached index). */
export interface IndexVariant {
  chunkMaxTokens?: number | undefined;
  passageContext?: 'title' | 'title+lede' | 'none' | undefined;
  /** A model other than the default: a local folder (its name goes into the cache folder's). */
  model?: string | undefined;
}

/** The cache-folder suffix of a variant ('' for the defaults). */
export function variantSuffix(v: IndexVariant): string {
  // The folder's name to read, and a hash of its path so that two folders of one name differ.
  const model = v.model
    ? `-${basename(v.model)}-${createHash('sha256').update(resolve(v.model)).digest('hex').slice(0, 8)}`
    : '';
  return `${v.chunkMaxTokens ? `-t${v.chunkMaxTokens}` : ''}${v.passageContext ? `-${v.passageContext.replace('+', '-')}` : ''}${model}`;
}

/**
 * A cached embedded index whose stamp (`<indexDir>.stamp`, written once a build has finished)
 * is not `stamp` was built by other code, or its build stopped half way: it is removed, and so
 * is the stamp of an index about to be built from nothing, so that a build stopped half way is
 * never taken for a finished one. Whether the index will be built from nothing.
 */
function dropStaleIndex(name: string, indexDir: string, stamp: string): boolean {
  const stampFile = `${indexDir}.stamp`;
  if (existsSync(indexDir) && (!existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp)) {
    console.error(
      `${name}: the code changed since the cached index was built, or its build stopped; rebuilding it`,
    );
    rmSync(indexDir, { recursive: true, force: true });
  }
  const fromScratch = !existsSync(indexDir);
  if (fromScratch) rmSync(stampFile, { force: true });
  return fromScratch;
}

/**
 * An index of a public collection, built once into .cache/eval (or the cluster namespace
 * `eval-<name>-<dtype>`) and reused; rebuilt from scratch when the code that shapes an index
 * (or the dtype) changed since it was built.
 */
export async function openCachedIndex(
  name: string,
  corpus: string,
  dtype: 'q8' | 'fp32',
  progress = true,
  where: BenchBackend = { backend: 'embedded' },
  variant: IndexVariant = {},
): Promise<{ engine: SearchEngine; builtNow: boolean; seconds: number }> {
  const es = where.backend === 'elasticsearch';
  const esUrl = where.esUrl ?? 'http://127.0.0.1:9201';
  const esIndex = `eval-${name}-${dtype}${variantSuffix(variant)}`;
  const indexDir = join(ROOT, '.cache', 'eval', `${name}-${dtype}${variantSuffix(variant)}`);
  const stampFile = es ? join(ROOT, '.cache', 'eval', `es-${esIndex}.stamp`) : `${indexDir}.stamp`;
  const stamp = codeStamp(dtype, where.backend);
  const stale = !existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp;
  const embeddedFresh =
    existsSync(`${indexDir}.stamp`) && readFileSync(`${indexDir}.stamp`, 'utf8') === codeStamp(dtype);
  if (es && stale && where.copyFromEmbedded && embeddedFresh) {
    const { copyEmbeddedToElasticsearch } = await import('./copy-index.js');
    const copied = await copyEmbeddedToElasticsearch(indexDir, esUrl, esIndex);
    writeFileSync(stampFile, stamp);
    console.error(
      `${name}: copied ${copied.articles} articles, ${copied.passages} passages from the embedded index in ${copied.seconds.toFixed(1)} s (${(copied.passages / copied.seconds).toFixed(0)} passages/s written, no embedding)`,
    );
  } else if (es && stale) {
    const backend = await openElasticsearchBackend({ url: esUrl, namespace: esIndex });
    await backend.store.drop();
    await backend.store.close();
  } else if (!es) {
    dropStaleIndex(name, indexDir, stamp);
  }
  mkdirSync(join(ROOT, '.cache', 'eval'), { recursive: true });
  const engine = await createSearchEngine({
    indexDir,
    dtype,
    logLevel: 'error',
    ...(variant.chunkMaxTokens ? { chunkMaxTokens: variant.chunkMaxTokens } : {}),
    ...(variant.passageContext ? { passageContext: variant.passageContext } : {}),
    ...(variant.model ? { model: variant.model } : {}),
    ...(es ? { backend: 'elasticsearch' as const, esUrl, esIndex } : {}),
  });
  const started = Date.now();
  const summary = await engine.ingestPaths([corpus], {
    onProgress: (p) => {
      if (progress && p.articlesDone % 250 === 0) {
        process.stderr.write(
          `\r${name}: ${p.articlesDone} articles, ${p.passagesEmbedded} passages embedded`,
        );
      }
    },
  });
  writeFileSync(stampFile, stamp);
  const seconds = (Date.now() - started) / 1000;
  if (progress) {
    process.stderr.write(
      `\r${name}: ${(await engine.stats()).articles} articles, ${(await engine.stats()).passages} passages (${summary.passagesEmbedded} embedded now, ${seconds.toFixed(0)} s)\n`,
    );
  }
  return { engine, builtNow: summary.passagesEmbedded > 0, seconds };
}

/**
 * A collection's cached index as it is, for comparisons that need its passages and stored
 * vectors rather than the newest chunking: not checked against the code stamp, nothing
 * ingested (`stale` says whether openCachedIndex would rebuild it). Built only when missing.
 */
export async function cachedIndexAsBuilt(
  name: string,
  corpus: string,
  dtype: 'q8' | 'fp32',
): Promise<{ dir: string; stale: boolean }> {
  const dir = join(ROOT, '.cache', 'eval', `${name}-${dtype}`);
  if (!existsSync(join(dir, DATABASE_FILE))) {
    const { engine } = await openCachedIndex(name, corpus, dtype);
    await engine.close();
    return { dir, stale: false };
  }
  const stampFile = `${dir}.stamp`;
  return { dir, stale: !existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== codeStamp(dtype) };
}

/** The collections of the scale corpus, each its own collection, all cut at SCALE_CHUNK_TOKENS. */
export const SCALE_COLLECTIONS = ['scifact', 'sotu', 'time-dev', 'cranfield'] as const;
/**
 * Passage size of the scale corpus: 64 tokens cuts the four public collections (3.6 M words)
 * into about 105,700 real passages (200 tokens, the default, gives about 27,000).
 */
export const SCALE_CHUNK_TOKENS = 64;

/**
 * The 100k-passage scale index (issue 18): SciFact, the State of the Union, time-dev and
 * Cranfield, each in its own collection, cut at 64 tokens. Built once into .cache/bench/scale
 * (embedding included: about ten minutes on two cores) and reused while the code that shapes an
 * index is unchanged; `seconds` is the build time when it was built now.
 */
export async function openScaleIndex(
  datasets: string,
  progress = true,
): Promise<{
  engine: SearchEngine;
  builtNow: boolean;
  seconds: number;
  indexDir: string;
  /** The last full build: its time (embedding included), passages embedded and peak RSS. */
  build: { seconds: number; passagesEmbedded: number; peakRssMiB: number };
}> {
  const indexDir = join(ROOT, '.cache', 'bench', `scale-t${SCALE_CHUNK_TOKENS}`);
  const stampFile = `${indexDir}.stamp`;
  const stamp = codeStamp('q8');
  const fromScratch = dropStaleIndex('scale', indexDir, stamp);
  mkdirSync(join(ROOT, '.cache', 'bench'), { recursive: true });
  const engine = await createSearchEngine({
    indexDir,
    dtype: 'q8',
    logLevel: 'error',
    chunkMaxTokens: SCALE_CHUNK_TOKENS,
  });
  const started = Date.now();
  let embedded = 0;
  for (const name of SCALE_COLLECTIONS) {
    const summary = await engine.ingestPaths([join(datasets, name, 'corpus.jsonl')], {
      collection: name,
      onProgress: (p) => {
        if (progress && p.passagesEmbedded > 0 && p.articlesDone % 100 === 0) {
          process.stderr.write(
            `\rscale: ${name}: ${p.articlesDone} articles, ${p.passagesEmbedded} passages embedded`,
          );
        }
      },
    });
    embedded += summary.passagesEmbedded;
  }
  const seconds = (Date.now() - started) / 1000;
  const buildFile = `${indexDir}.build.json`;
  if (fromScratch || !existsSync(buildFile)) {
    // Only a build from nothing is a build's figure; the peak RSS is the bench process's so far.
    const built = fromScratch
      ? { seconds, passagesEmbedded: embedded, peakRssMiB: process.resourceUsage().maxRSS / 1024 }
      : { seconds: Number.NaN, passagesEmbedded: 0, peakRssMiB: Number.NaN };
    writeFileSync(buildFile, JSON.stringify(built));
  }
  writeFileSync(stampFile, stamp);
  if (progress) {
    const stats = await engine.stats();
    process.stderr.write(
      `\rscale: ${stats.articles} articles, ${stats.passages} passages (${embedded} embedded now, ${seconds.toFixed(0)} s)\n`,
    );
  }
  const build = JSON.parse(readFileSync(buildFile, 'utf8')) as {
    seconds: number;
    passagesEmbedded: number;
    peakRssMiB: number;
  };
  return { engine, builtNow: embedded > 0, seconds, indexDir, build };
}
