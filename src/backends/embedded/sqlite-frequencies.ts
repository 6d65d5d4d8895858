/**
 * How common words are in the index, from FTS5's own term statistics (an fts5vocab table over
 * the passages' index): a stem FTS5 holds as a term gives the passages holding it; one it
 * makes differently (Porter variants between the two stemmers) is left unknown.
 */
import type Database from 'better-sqlite3';
import type { WordFrequencies } from '../chunk-store.js';

export function createWordFrequencies(db: Database.Database) {
  let ready = false;
  return (groups: readonly (readonly string[])[]): WordFrequencies => {
    if (!ready) {
      db.exec(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.semsearch_passage_terms USING fts5vocab(main, 'passages_fts', 'row')",
      );
      ready = true;
    }
    const doc = db.prepare<[string], { doc: number }>(
      'SELECT doc FROM temp.semsearch_passage_terms WHERE term = ?',
    );
    const { n } = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM passages').get() as { n: number };
    const counts = groups.map((stems) => {
      const found = stems.map((s) => doc.get(s)?.doc).filter((d): d is number => d !== undefined);
      return found.length > 0 ? Math.max(...found) : null;
    });
    return { passages: n, counts };
  };
}
