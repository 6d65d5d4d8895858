/**
 * Collections: the first segment of an article id ("notes/2019/trip"), so that the same files
 * get the same ids from whatever folder they are ingested, and prune and rm can be limited to
 * one collection.
 */
import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { SearchError } from '../errors.js';

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
