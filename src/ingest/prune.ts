/**
 * Which unseen articles an ingest with --prune may remove: only those it positively saw vanish.
 * An article goes only when its source lies under a root of this ingest that exists, nothing
 * on the way to it failed to read, and either its file is gone from a folder that could be
 * listed, or its file was read whole this time (a .jsonl) and no longer holds its record.
 * A mistyped path, an unreadable folder or a bad byte therefore never removes anything.
 */
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';

export interface PruneEvidence {
  /** The paths given to the ingest. */
  roots: readonly string[];
  /** Files, folders or roots that could not be read, or held a record that could not be used. */
  failedPaths: ReadonlySet<string>;
  /** Files that were read this time. */
  seenPaths: ReadonlySet<string>;
}

function within(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}

function missing(path: string): boolean {
  try {
    lstatSync(path);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

function listable(dir: string): boolean {
  try {
    readdirSync(dir);
    return true;
  } catch {
    return false;
  }
}

/** Ids of the articles (id → source path) that may be removed. */
export function prunable(sources: ReadonlyMap<string, string>, evidence: PruneEvidence): string[] {
  const roots = evidence.roots
    .map((r) => resolve(r))
    .filter((r) => {
      try {
        statSync(r);
        return true;
      } catch {
        return false;
      }
    });
  const failed = [...evidence.failedPaths].map((p) => resolve(p));
  const seen = new Set([...evidence.seenPaths].map((p) => resolve(p)));
  const out: string[] = [];
  for (const [id, stored] of sources) {
    const path = resolve(stored);
    const root = roots.find((r) => within(path, r));
    if (root === undefined) continue;
    if (failed.some((f) => within(path, f))) continue;
    if (missing(path)) {
      // The nearest folder that still exists must be readable, or the file may only be hidden.
      let dir = dirname(path);
      while (within(dir, root) && missing(dir) && dir !== root) dir = dirname(dir);
      if (listable(dir)) out.push(id);
    } else if (seen.has(path)) {
      out.push(id); // its file was read whole this time and no longer holds this record
    }
  }
  return out;
}

/** Whether an article id ("collection/…") belongs to one of the collections; absent: all do. */
export function inCollection(id: string, collections: readonly string[] | undefined): boolean {
  return collections === undefined || collections.some((c) => id.startsWith(`${c}/`));
}
