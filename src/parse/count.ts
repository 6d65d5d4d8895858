/** Counting articles before an ingest, for progress bars (cheaper than parsing them). */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { countJsonLines } from './jsonl-stream.js';
import { type LoadOptions, listFiles } from './load.js';

/**
 * How many articles the paths hold, for progress bars: one per file, one per non-empty line of
 * a .jsonl, one per element of a .json array. Unreadable files count as one.
 */
export function countArticles(paths: readonly string[], options: LoadOptions = {}): number {
  let total = 0;
  for (const root of paths) {
    for (const file of listFiles(root, options)) {
      const ext = extname(file.path).toLowerCase();
      try {
        if (ext === '.jsonl') total += countJsonLines(file.path);
        else if (ext === '.json') {
          const value: unknown = JSON.parse(readFileSync(file.path, 'utf8'));
          total += Array.isArray(value) ? value.length : 1;
        } else total += 1;
      } catch {
        total += 1;
      }
    }
  }
  return total;
}
