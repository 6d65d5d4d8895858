/**
 * Keep one folder's articles current: new and changed files are ingested, deleted files removed,
 * renames are a delete plus an add, all after a short debounce and in one batched ingest.
 *
 * chokidar rather than fs.watch: on Linux fs.watch reports bare "rename"/"change" events without
 * saying whether a file appeared or went, its recursive mode is emulated in Node 20 and misses
 * files in folders created after the start, and it has nothing for files still being written
 * (chokidar's awaitWriteFinish waits until the size is stable) or editors' atomic saves (its
 * `atomic` option folds unlink+add of the same path into one change). Neither notices a watched
 * folder that is removed and created again, so that case is handled here by polling for it.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import type { FSWatcher } from 'chokidar';
import type { SearchEngine } from '../engine/index.js';
import { SearchError } from '../errors.js';
import { listFiles, SIDECAR_FILE } from '../parse/index.js';
import { NOT_RUNNING, runningHere, updateSourceStatus } from '../subscriptions/index.js';
import { isSupportedFile, readFileBatch } from './file-batch.js';
import { type FileIds, readWatchedFiles, writeWatchedFiles } from './watched-files.js';

/** Quiet time after the last event before a batch is ingested. */
export const WATCH_DEBOUNCE_MS = 500;
/** A batch is ingested at the latest this long after its first event, even if events keep coming. */
export const WATCH_MAX_WAIT_MS = 5000;
/** A file counts as written once its size has not changed for this long. */
export const WATCH_WRITE_STABLE_MS = 300;
/** How often a vanished watched folder is looked for again. */
export const WATCH_ROOT_POLL_MS = 1000;
/** Pause before a failed batch is tried again. */
export const WATCH_RETRY_MS = 5000;
/** Progress lines during a large batch are at least this far apart. */
const PROGRESS_INTERVAL_MS = 2000;

export interface FolderWatcherOptions {
  engine: SearchEngine;
  /** The folder to watch. */
  path: string;
  /** Collection name stored in each article's metadata. @default the folder's name */
  collection?: string | undefined;
  /** @default 500 */
  debounceMs?: number;
  log?: ((line: string) => void) | undefined;
}

export interface FolderWatcher {
  readonly root: string;
  readonly collection: string;
  /** Resolves when no batch is pending or running (tests and shutdown use it). */
  idle(): Promise<void>;
  /** Stop watching, let the running batch finish. */
  stop(): Promise<void>;
}

/**
 * @example
 * const watcher = await createFolderWatcher({ engine, path: 'news/' });
 * // ... later
 * await watcher.stop();
 */
export async function createFolderWatcher(options: FolderWatcherOptions): Promise<FolderWatcher> {
  const { engine } = options;
  const root = resolve(options.path);
  const collection = options.collection ?? basename(root);
  const indexDir = resolve(engine.config.indexDir);
  const debounceMs = options.debounceMs ?? WATCH_DEBOUNCE_MS;
  const log = options.log ?? ((line: string) => process.stderr.write(`semsearch: ${line}\n`));
  const known: FileIds = readWatchedFiles(indexDir, root);
  const dirty = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let firstDirtyAt = 0;
  let running: Promise<void> = Promise.resolve();
  let watcher: FSWatcher | undefined;
  let rootPoll: NodeJS.Timeout | undefined;
  let stopped = false;

  const status = (patch: Parameters<typeof updateSourceStatus>[3]) => {
    try {
      updateSourceStatus(indexDir, 'folder', root, { collection, ...patch });
    } catch (error) {
      log(`warning: cannot write the source status in ${indexDir}: ${(error as Error).message}`);
    }
  };
  const relOf = (full: string) => relative(root, full).split(sep).join('/');
  const ignored = (full: string) => {
    const abs = resolve(full);
    if (abs === indexDir || abs.startsWith(`${indexDir}${sep}`)) return true; // never index the index
    const name = basename(abs);
    return abs !== root && (name.startsWith('.') || name === 'node_modules');
  };

  const schedule = () => {
    if (stopped || dirty.size === 0) return;
    if (timer) clearTimeout(timer);
    const wait = Math.max(0, Math.min(debounceMs, firstDirtyAt + WATCH_MAX_WAIT_MS - Date.now()));
    timer = setTimeout(() => {
      timer = undefined;
      running = running.then(flushSafely);
    }, wait);
  };
  const markDirty = (rel: string) => {
    if (dirty.size === 0) firstDirtyAt = Date.now();
    dirty.add(rel);
    schedule();
  };

  /** Ingest what changed since the last batch, as one engine call, then remove what went. */
  const flush = async (): Promise<void> => {
    if (dirty.size === 0) return;
    if (!existsSync(root)) return; // keep the articles of a vanished folder until it is back
    const rels = [...dirty].sort();
    dirty.clear();
    const batch = await readFileBatch(root, collection, rels, known);
    for (const problem of batch.problems) log(`warning: ${collection}: skipped ${problem}`);
    const { articles } = batch;
    const started = Date.now();
    let lastProgress = started;
    if (articles.length > 50) log(`${collection}: ingesting a batch of ${articles.length} articles`);
    const summary = await engine.ingestArticles(articles, {
      onProgress: (p) => {
        if (Date.now() - lastProgress < PROGRESS_INTERVAL_MS) return;
        lastProgress = Date.now();
        log(
          `${collection}: ${p.articlesDone}/${p.articlesTotal ?? '?'} articles, ${p.passagesEmbedded} passages`,
        );
      },
    });
    Object.assign(known, batch.fresh);
    const removed = batch.toDelete.length > 0 ? (await engine.deleteArticles(batch.toDelete)).removed : 0;
    for (const rel of batch.gone) delete known[rel];
    writeWatchedFiles(indexDir, root, collection, known);
    const changed = summary.articlesNew + summary.articlesChanged + removed;
    if (changed > 0) {
      log(
        `${collection}: ${summary.articlesNew} new, ${summary.articlesChanged} changed, ${removed} removed (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
    }
    const now = new Date().toISOString();
    // A rename is briefly two ids with one content: a duplicate warning, not a failure.
    const failures = summary.skipped.filter((skip) => skip.code !== 'DUPLICATE_CONTENT');
    const errors = batch.problems.length + failures.length;
    status({
      lastCheck: now,
      lastChange: changed > 0 ? now : undefined,
      articles: Object.values(known).reduce((n, ids) => n + ids.length, 0),
      addErrors: errors,
      lastError: errors > 0 ? (batch.problems[0] ?? failures[0]?.message ?? null) : undefined,
    });
  };

  /**
   * A failed batch (the index locked by another writer, a full disk) is not lost: its files are
   * marked again and tried after a pause, and the failure is counted in the status.
   */
  const flushSafely = async (): Promise<void> => {
    const batch = [...dirty];
    try {
      await flush();
    } catch (error) {
      const message = (error as Error).message;
      log(
        `warning: ${collection}: the batch failed (${message}); trying again in ${WATCH_RETRY_MS / 1000} s`,
      );
      status({ addErrors: 1, lastError: message });
      for (const rel of batch) dirty.add(rel);
      if (!stopped) {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          timer = undefined;
          running = running.then(flushSafely);
        }, WATCH_RETRY_MS);
      }
    }
  };

  /** Everything on disk and everything indexed before: the batch settles the difference. */
  const reconcile = () => {
    for (const rel of Object.keys(known)) markDirty(rel);
    try {
      // Links, FIFOs and devices are named and left alone, as ingest does.
      const refused = (skip: { error: Error }) =>
        log(`warning: ${collection}: skipped ${skip.error.message}`);
      for (const file of listFiles(root, {}, refused))
        if (isSupportedFile(file.path)) markDirty(relOf(file.path));
    } catch (error) {
      log(`warning: cannot list ${root}: ${(error as Error).message}`);
    }
  };

  const rootGone = async () => {
    log(`warning: ${root} disappeared; its articles are kept, and it is watched again when it comes back`);
    status({ addErrors: 1, lastError: `${root} disappeared`, lastCheck: new Date().toISOString() });
    const old = watcher;
    watcher = undefined;
    await old?.close();
    const poll = () => {
      rootPoll = undefined;
      if (stopped) return;
      if (existsSync(root)) {
        log(`${root} is back; catching up`);
        void start();
      } else rootPoll = setTimeout(poll, WATCH_ROOT_POLL_MS);
    };
    rootPoll = setTimeout(poll, WATCH_ROOT_POLL_MS);
  };

  const start = async () => {
    // Imported here so that processes which never watch a folder do not load it.
    const { watch } = await import('chokidar');
    const w = watch(root, {
      ignoreInitial: true,
      ignored,
      // A link is not followed out of the folder: it is reported as a file, and refused.
      followSymlinks: false,
      atomic: true,
      awaitWriteFinish: { stabilityThreshold: WATCH_WRITE_STABLE_MS, pollInterval: 100 },
    });
    watcher = w;
    w.on('all', (event, full) => {
      if (event === 'unlinkDir') {
        if (resolve(full) === root) {
          void rootGone();
          return;
        }
        const prefix = `${relOf(full)}/`;
        for (const rel of Object.keys(known)) if (rel.startsWith(prefix)) markDirty(rel);
        return;
      }
      if (event === 'add' || event === 'change' || event === 'unlink') {
        if (isSupportedFile(full)) markDirty(relOf(full));
        else if (basename(full) === SIDECAR_FILE) {
          // The folder's metadata changed: its files are read again with it.
          const dir = dirname(relOf(full));
          for (const rel of Object.keys(known)) if (dirname(rel) === dir) markDirty(rel);
        }
      }
    });
    w.on('error', (error) => {
      log(`warning: watching ${root}: ${(error as Error).message}`);
      status({ addErrors: 1, lastError: (error as Error).message });
    });
    await new Promise<void>((done) => w.once('ready', () => done()));
    reconcile();
    if (dirty.size === 0) status({ lastCheck: new Date().toISOString() });
  };

  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new SearchError('NOT_FOUND', `${root} is not a folder; give an existing folder to watch.`);
  }
  status({ collection, ...runningHere() });
  await start();
  log(`watching ${root} (collection "${collection}")`);

  return {
    root,
    collection,
    async idle() {
      // A batch may schedule another (events during it); wait until nothing is left.
      while (timer || dirty.size > 0) {
        await new Promise((r) => setTimeout(r, 50));
        await running;
        if (!existsSync(root)) break;
      }
      await running;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (rootPoll) clearTimeout(rootPoll);
      await watcher?.close();
      await running;
      status(NOT_RUNNING);
    },
  };
}
