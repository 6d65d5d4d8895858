/**
 * Which article ids each watched file produced, persisted as `watched-files.json` in the index
 * folder. Deletions are by id, and the engine has no "list a collection" call, so this map is
 * what lets a restart remove articles of files deleted while nobody was watching.
 */
import { join } from 'node:path';
import { readJsonFile, writeJsonFileAtomic } from '../subscriptions/index.js';

export const WATCHED_FILES_FILE = 'watched-files.json';

/** Relative path (with `/`) → article ids made from that file. */
export type FileIds = Record<string, string[]>;

type State = Record<string, { collection: string; files: FileIds }>;

export function readWatchedFiles(indexDir: string, root: string): FileIds {
  const state = readJsonFile<State>(join(indexDir, WATCHED_FILES_FILE), {});
  return { ...(state[root]?.files ?? {}) };
}

export function writeWatchedFiles(indexDir: string, root: string, collection: string, files: FileIds): void {
  const path = join(indexDir, WATCHED_FILES_FILE);
  const state = readJsonFile<State>(path, {});
  state[root] = { collection, files };
  writeJsonFileAtomic(path, state);
}
