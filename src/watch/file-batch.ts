/**
 * From the paths a watcher saw change to what the engine must do: articles to (re)ingest, ids to
 * delete (files gone, or records gone from a .jsonl), and files that could not be read. Nothing
 * here touches the index, so a batch that fails to write can simply be rebuilt and retried.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { type Article, parseFile, SUPPORTED_EXTENSIONS } from '../parse/index.js';
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

export const isSupportedFile = (file: string) =>
  (SUPPORTED_EXTENSIONS as readonly string[]).includes(extname(file).toLowerCase());

export function readFileBatch(
  root: string,
  collection: string,
  rels: readonly string[],
  known: FileIds,
): FileBatch {
  const batch: FileBatch = { articles: [], fresh: {}, gone: [], toDelete: [], problems: [] };
  for (const rel of rels) {
    const full = resolve(root, rel);
    let isFile = false;
    try {
      isFile = statSync(full).isFile();
    } catch {
      isFile = false;
    }
    if (!isFile || !isSupportedFile(rel)) {
      batch.gone.push(rel);
      batch.toDelete.push(...(known[rel] ?? []));
      continue;
    }
    try {
      const parsed = parseFile(full, readFileSync(full), `${collection}/${rel}`);
      for (const skip of parsed.skips) if (skip.kind === 'skip') batch.problems.push(skip.error.message);
      const ids: string[] = [];
      for (const article of parsed.articles) {
        article.metadata = { ...article.metadata, collection };
        article.sourcePath = full;
        batch.articles.push(article);
        ids.push(article.id);
      }
      batch.fresh[rel] = ids;
      batch.toDelete.push(...(known[rel] ?? []).filter((id) => !ids.includes(id)));
    } catch (error) {
      batch.problems.push(`${full}: ${(error as Error).message}`);
    }
  }
  return batch;
}
