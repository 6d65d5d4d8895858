/**
 * What `stats` shows about live sources: each watched folder and followed feed with its last
 * check, last change and error count, kept in `sources.json` in the index folder so that a
 * `semsearch stats` in another process sees what a running `watch`/`follow`/`serve` is doing.
 */
import { join } from 'node:path';
import { readJsonFile, writeJsonFileAtomic } from './json-file.js';

export const SOURCES_FILE = 'sources.json';

export type SourceKind = 'folder' | 'feed';

export interface SourceStatus {
  kind: SourceKind;
  /** The folder path or the feed URL. */
  location: string;
  collection: string;
  /** ISO time of the last scan or poll. */
  lastCheck: string | null;
  /** ISO time the last article was added, changed or removed. */
  lastChange: string | null;
  errors: number;
  lastError: string | null;
  /** Articles currently indexed from this source. */
  articles: number;
}

/** Fields to change; one left out or undefined keeps its value (a check without a change keeps lastChange). */
export type SourcePatch = {
  [K in Exclude<keyof SourceStatus, 'kind' | 'location'>]?: SourceStatus[K] | undefined;
} & { addErrors?: number | undefined };

export function readSourceStatus(indexDir: string): SourceStatus[] {
  const value = readJsonFile<{ sources?: SourceStatus[] }>(join(indexDir, SOURCES_FILE), {});
  return Array.isArray(value.sources) ? value.sources : [];
}

/**
 * Merge `patch` into the entry for (kind, location) and write the file. Read-modify-write on
 * each call, so two processes that watch different sources do not wipe each other's entries.
 */
export function updateSourceStatus(
  indexDir: string,
  kind: SourceKind,
  location: string,
  patch: SourcePatch,
): SourceStatus {
  const sources = readSourceStatus(indexDir);
  let entry = sources.find((s) => s.kind === kind && s.location === location);
  if (!entry) {
    entry = {
      kind,
      location,
      collection: patch.collection ?? '',
      lastCheck: null,
      lastChange: null,
      errors: 0,
      lastError: null,
      articles: 0,
    };
    sources.push(entry);
  }
  const { addErrors, ...rest } = patch;
  Object.assign(entry, Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)));
  if (addErrors) entry.errors += addErrors;
  writeJsonFileAtomic(join(indexDir, SOURCES_FILE), { sources });
  return entry;
}
