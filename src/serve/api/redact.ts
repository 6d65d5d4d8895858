/**
 * What the network may see of the file system: nothing absolute. Source paths become relative
 * to the working folder (or just the file name), the index folder is not named, and absolute
 * paths inside error messages are cut to their last part. The CLI, run by the owner, keeps
 * full paths.
 */
import { basename, isAbsolute, relative, sep } from 'node:path';
import type { EngineStats, StoredArticle } from '../../index.js';

/** A path safe to show remotely: relative to the working folder when inside it, else the file name. */
export function publicPath(path: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : basename(path);
}

/** Absolute paths (two or more segments) after a space, quote, bracket or the start. */
const ABSOLUTE_PATH = /(^|[\s"'(=])(\/(?:[^\s"'():;,/]+\/)+[^\s"'():;,]*)/g;

/** An error message with the index folder unnamed and any other absolute path cut to its name. */
export function redactMessage(message: string, indexDir: string): string {
  return message
    .split(indexDir)
    .join('the index folder')
    .replace(ABSOLUTE_PATH, (_m, before: string, path: string) => `${before}${basename(path) || path}`);
}

export function publicArticle(article: StoredArticle): StoredArticle {
  return { ...article, sourcePath: article.sourcePath === null ? null : publicPath(article.sourcePath) };
}

/** Index statistics without the index folder's location. */
export function publicStats(stats: EngineStats): Omit<EngineStats, 'indexDir'> {
  const { indexDir: _hidden, ...rest } = stats;
  return rest;
}
