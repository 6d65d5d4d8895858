/**
 * What `stats` shows about live sources: each watched folder and followed feed with its last
 * check, last change and error count, kept in `sources.json` in the index folder so that a
 * `semsearch stats` in another process sees what a running `watch`/`follow`/`serve` is doing.
 */
import { hostname } from 'node:os';
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
  /** Articles indexed from this source when it was last checked (see liveSourceStatus). */
  articles: number;
  /** The process that watches the folder now (null once it stopped), and its host. */
  pid?: number | null | undefined;
  host?: string | null | undefined;
}

/** A source as `stats` shows it: whether it is watched now, and its collection's count now. */
export interface LiveSourceStatus extends SourceStatus {
  /** False: the watcher stopped (or died); null: not known (feeds, whose follow may be a cron job). */
  running: boolean | null;
}

/** Fields to change; one left out or undefined keeps its value (a check without a change keeps lastChange). */
export type SourcePatch = {
  [K in Exclude<keyof SourceStatus, 'kind' | 'location'>]?: SourceStatus[K] | undefined;
} & { addErrors?: number | undefined };

export function readSourceStatus(indexDir: string): SourceStatus[] {
  const value = readJsonFile<{ sources?: SourceStatus[] }>(join(indexDir, SOURCES_FILE), {});
  return Array.isArray(value.sources) ? value.sources : [];
}

/** The fields a watcher writes while it runs, and once it stops. */
export function runningHere(): { pid: number; host: string } {
  return { pid: process.pid, host: hostname() };
}
export const NOT_RUNNING = { pid: null, host: null } as const;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, run by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the source is watched now: its process is alive (on another host: taken as told). */
export function sourceRunning(s: SourceStatus): boolean | null {
  if (s.kind === 'feed' && s.pid === undefined) return null;
  if (typeof s.pid !== 'number') return false;
  return s.host && s.host !== hostname() ? true : alive(s.pid);
}

/**
 * The sources with what is true now: whether each is watched, and its collection's article
 * count in the index (the count in the file was true when it was written, and `rm`, `ingest
 * --prune` or another source of the same collection change it since).
 */
export function liveSourceStatus(
  sources: readonly SourceStatus[],
  collections: ReadonlyArray<{ name: string; articles: number }>,
): LiveSourceStatus[] {
  const counts = new Map(collections.map((c) => [c.name, c.articles]));
  return sources.map((s) => ({ ...s, articles: counts.get(s.collection) ?? 0, running: sourceRunning(s) }));
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
