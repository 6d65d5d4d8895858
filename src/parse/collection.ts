/**
 * Collections: the first segment of an article id ("notes/2019/trip"), so that the same files
 * get the same ids from whatever folder they are ingested, and prune and rm can be limited to
 * one collection.
 */
import { statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { SearchError } from '../errors.js';
import type { Article } from './article.js';

/** The id a file's article gets from its path relative to the root: the path without its extension. */
export function fileArticleId(relativePath: string): string {
  return relativePath.slice(0, relativePath.length - extname(relativePath).length);
}

/**
 * Put an article in a collection, as every way in does (ingest, watch): its id (a file's
 * relative path, a record's own id) behind the collection's name, and the name in its
 * collection field and metadata (which the collection facet and filter read). A record can
 * then never name an article of another collection.
 */
export function putInCollection(article: Article, collection: string): Article {
  article.id = `${collection}/${article.id}`;
  article.collection = collection;
  article.metadata = { ...article.metadata, collection };
  return article;
}

/** The default collection of a root: a folder's own name, `default` for a single file. */
export function defaultCollection(root: string): string {
  try {
    if (statSync(root).isDirectory()) return basename(resolve(root)) || 'default';
  } catch {
    // a missing root is reported by the loader
  }
  return 'default';
}

/** A collection name: no slash (it is the first segment of an id), not empty. */
export function checkCollectionName(name: string): string {
  if (!/^[^/\s][^/]*$/.test(name) || name.length > 200) {
    throw new SearchError(
      'BAD_INPUT',
      `"${name}" is not a collection name: use up to 200 characters without "/", e.g. --collection notes.`,
    );
  }
  return name;
}
