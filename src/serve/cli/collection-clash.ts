/**
 * Two folders of the same name go into the same collection by default (`a/news` and `b/news`
 * are both "news"), and a file of the second replaces the first's file of the same relative
 * path. Before an ingest, say so when the collection already holds another folder's files.
 */
import { statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { LoadOptions, SearchEngine } from '../../index.js';

/** Articles looked at per collection: one other folder among them is enough to tell. */
const CLASH_SAMPLE = 1000;

const inside = (path: string, folder: string) => {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith('/');
};

export async function collectionClashes(
  engine: SearchEngine,
  paths: readonly string[],
  collection: LoadOptions['collection'],
): Promise<string[]> {
  const warnings: string[] = [];
  for (const root of paths) {
    try {
      if (!statSync(root).isDirectory()) continue;
    } catch {
      continue; // a missing path is reported by the ingest itself
    }
    const name = typeof collection === 'function' ? collection(root) : collection;
    if (!name) continue;
    const here = resolve(root);
    const { articles } = await engine.listArticles({ collection: name, limit: CLASH_SAMPLE });
    const other = articles.find((a) => a.sourcePath && !inside(resolve(a.sourcePath), here));
    if (other?.sourcePath) {
      warnings.push(
        `collection "${name}" already holds files from ${dirname(resolve(other.sourcePath))}; files of ${here} with the same relative paths replace them. Give --collection NAME to keep the folders apart.`,
      );
    }
  }
  return warnings;
}
