/**
 * Identical content under two ids: the same file copied into two folders, or ingested once
 * under two collections. Both are kept (the user may want both places), but the user hears
 * about it, since every search then shows the same passage twice.
 */
import type { Article } from '../parse/index.js';
import type { IngestSkip } from './types.js';

/**
 * A checker fed each article with its content hash: a warning when another id (stored before
 * this run, or earlier in it) has the same hash.
 */
export function duplicateFinder(
  known: ReadonlyMap<string, string>,
): (article: Article, hash: string) => IngestSkip | undefined {
  const byHash = new Map<string, string>();
  for (const [id, hash] of known) if (!byHash.has(hash)) byHash.set(hash, id);
  return (article, hash) => {
    const other = byHash.get(hash);
    if (other === undefined || other === article.id) {
      byHash.set(hash, article.id);
      return undefined;
    }
    return {
      path: article.sourcePath ?? article.id,
      code: 'DUPLICATE_CONTENT',
      message: `Article "${article.id}" has the same content as "${other}"; both are stored (remove one with "semsearch rm ID" if that is not wanted).`,
    };
  };
}
