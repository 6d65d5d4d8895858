/**
 * From the paths a watcher saw change to what the engine must do: articles to (re)ingest, ids to
 * delete (files gone, or records gone from a .jsonl), and files that could not be read. Nothing
 * here touches the index, so a batch that fails to write can simply be rebuilt and retried.
 *
 * The same rules as `ingest`: ids are `collection/path-without-extension` and
 * `collection/record-id` (putInCollection), so a watched record can never name an article of
 * another collection; links are refused, not followed out of the folder; and a file that did
 * not read whole (a broken .jsonl line) removes nothing, as ingest does not prune after a failure.
 * A folder's metadata sidecar (semsearch.meta.json) is applied to its files, as ingest applies it.
 */
import { lstatSync, readFileSync, realpathSync, type Stats } from 'node:fs';
import { basename, extname, resolve, sep } from 'node:path';
import {
  type Article,
  applySidecar,
  createSidecarReader,
  fileArticleId,
  notARegularFile,
  parseFileOffThread,
  putInCollection,
  SIDECAR_FILE,
  SUPPORTED_EXTENSIONS,
} from '../parse/index.js';
import type { FileIds } from './watched-files.js';

export interface FileBatch {
  articles: Article[];
  /** Ids each present file now makes. */
  fresh: FileIds;
  /** Files that are gone (or no longer a supported type). */
  gone: string[];
  toDelete: string[];
  /** "path: reason" for files that could not be used; their old articles are kept. */
  problems: string[];
}

/** Files that make articles: the sidecar is not one, it describes the others. */
export const isSupportedFile = (file: string) =>
  basename(file) !== SIDECAR_FILE &&
  (SUPPORTED_EXTENSIONS as readonly string[]).includes(extname(file).toLowerCase());

const lstatOrUndefined = (path: string): Stats | undefined => {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
};

/** Why a path under the root is not read, or undefined for a regular file inside it. */
function refusal(realRoot: string, full: string, st: Stats): string | undefined {
  if (!st.isFile()) return notARegularFile(full, st).message;
  let real: string;
  try {
    real = realpathSync(full);
  } catch {
    return undefined; // gone meanwhile: reading it says so
  }
  return real.startsWith(`${realRoot}${sep}`)
    ? undefined
    : `${full} is reached through a symbolic link (links are not followed; ingest its target by its own path); it was skipped.`;
}

export async function readFileBatch(
  root: string,
  collection: string,
  rels: readonly string[],
  known: FileIds,
): Promise<FileBatch> {
  const batch: FileBatch = { articles: [], fresh: {}, gone: [], toDelete: [], problems: [] };
  const sidecarOf = createSidecarReader((error) => batch.problems.push(error.message));
  let realRoot = root;
  try {
    realRoot = realpathSync(root);
  } catch {
    // the watcher checks that the root exists before each batch
  }
  for (const rel of rels) {
    const full = resolve(root, rel);
    const st = lstatOrUndefined(full);
    if (!st || st.isDirectory() || !isSupportedFile(rel)) {
      batch.gone.push(rel);
      batch.toDelete.push(...(known[rel] ?? []));
      continue;
    }
    const refused = refusal(realRoot, full, st);
    if (refused) {
      batch.problems.push(refused); // what the file made before (if anything) is kept
      continue;
    }
    try {
      // HTML on the page worker: a watched hostile page must not hold `serve --watch`'s /health.
      const parsed = await parseFileOffThread(full, readFileSync(full), fileArticleId(rel));
      for (const skip of parsed.skips) if (skip.kind === 'skip') batch.problems.push(skip.error.message);
      const ids: string[] = [];
      // As ingest: a .jsonl's records carry their own facts; other files take the sidecar's.
      const entry = extname(full).toLowerCase() === '.jsonl' ? undefined : sidecarOf(full);
      for (const parsedArticle of parsed.articles) {
        // Its date and year notes are ingest's warnings, not reasons to keep the old article.
        const article = entry ? applySidecar(parsedArticle, entry, undefined, () => {}) : parsedArticle;
        putInCollection(article, collection);
        article.sourcePath = full;
        batch.articles.push(article);
        ids.push(article.id);
      }
      const missing = (known[rel] ?? []).filter((id) => !ids.includes(id));
      if (parsed.skips.length > 0) {
        // Not read whole: what is missing may be on the broken line. Kept, and still this
        // file's, so that it goes once the file reads whole without it.
        batch.fresh[rel] = [...ids, ...missing];
      } else {
        batch.fresh[rel] = ids;
        batch.toDelete.push(...missing);
      }
    } catch (error) {
      batch.problems.push(`${full}: ${(error as Error).message}`);
    }
  }
  // An id another file still makes (two files with one name but different extensions, one
  // record id in two files) is not deleted with the file that made it too.
  const claimed = new Set<string>();
  const now: FileIds = { ...known, ...batch.fresh };
  for (const rel of batch.gone) delete now[rel];
  for (const ids of Object.values(now)) for (const id of ids) claimed.add(id);
  batch.toDelete = batch.toDelete.filter((id) => !claimed.has(id));
  return batch;
}
