/**
 * A stamp of the converted model files as they were when their hashes were last checked (size,
 * mtime and inode of each). Hashing the 150 MB cache costs about a quarter of a second, on every
 * process that loads the model; while the files still stat the same, they are the bytes that
 * were hashed, so the check is skipped. Any rewrite (a rebuild, a corrupted copy) changes the
 * mtime and brings the full check back.
 */
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const STAMP = 'semsearch-verified.json';

function statsOf(dir: string, files: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of files) {
    const s = statSync(join(dir, file), { bigint: true });
    out[file] = `${s.size}:${s.mtimeNs}:${s.ino}`;
  }
  return out;
}

/** True when every file stats exactly as it did when the stamp was written. */
export function stampMatches(dir: string, files: readonly string[]): boolean {
  try {
    const stamp = JSON.parse(readFileSync(join(dir, STAMP), 'utf8')) as Record<string, string>;
    const now = statsOf(dir, [...files, 'semsearch-model.json']);
    return Object.entries(now).every(([file, stat]) => stamp[file] === stat);
  } catch {
    return false;
  }
}

/** Record the files as verified; a read-only cache just goes without the shortcut. */
export function writeStamp(dir: string, files: readonly string[]): void {
  try {
    const tmp = join(dir, `${STAMP}.tmp-${process.pid}`);
    writeFileSync(tmp, JSON.stringify(statsOf(dir, [...files, 'semsearch-model.json'])));
    renameSync(tmp, join(dir, STAMP));
  } catch {
    // The stamp only saves time; without it the hashes are checked as before.
  }
}
