/**
 * Where the analyzer's words are FTS5's, and FTS5's own terms where they are not. The
 * in-memory BM25 must hold exactly the terms FTS5's `porter unicode61` tokenizer makes, or
 * its scores drift from FTS5's (one differently-split passage moves the average length, and
 * with it every score). The analyzer agrees with FTS5 on ASCII and on letters that fold to an
 * ASCII letter (é, ü, ñ); it does not on combining marks, private-use characters, letters
 * that stay non-ASCII (ß, α, đ: FTS5's Porter step works on their UTF-8 bytes) or stacked
 * diacritics. Each distinct non-ASCII character is checked once against FTS5 itself (a
 * scratch table in the connection's temp schema); a text with any character that fails is
 * tokenized by FTS5, through the same scratch schema.
 */
import type Database from 'better-sqlite3';
import { foldWord, words } from '../../analysis/index.js';

const NON_ASCII = /\P{ASCII}/u;
const NON_ASCII_ALL = /\P{ASCII}/gu;
/** Rows tokenized by FTS5 in one scratch insert. */
const BATCH_ROWS = 512;

export interface FtsTerms {
  /** Term → occurrences in the row (title and text). */
  counts: Map<string, number>;
  /** Tokens in the row (title and text). */
  tokens: number;
}

export interface FtsTokens {
  /** Whether the analyzer's words (indexTerm) are FTS5's terms for this text. */
  exact(text: string): boolean;
  /** FTS5's own terms of rows (title, text), by row id. */
  terms(rows: readonly { id: number; title: string; text: string }[]): Map<number, FtsTerms>;
}

export function createFtsTokens(db: Database.Database): FtsTokens {
  let ready = false;
  const setUp = () => {
    if (ready) return;
    db.exec(`
      CREATE VIRTUAL TABLE IF NOT EXISTS temp.semsearch_fold_probe USING fts5(t, tokenize = 'unicode61');
      CREATE VIRTUAL TABLE IF NOT EXISTS temp.semsearch_fold_terms USING fts5vocab(temp, 'semsearch_fold_probe', 'instance');
      CREATE VIRTUAL TABLE IF NOT EXISTS temp.semsearch_row_probe USING fts5(title, text, tokenize = 'porter unicode61');
      CREATE VIRTUAL TABLE IF NOT EXISTS temp.semsearch_row_terms USING fts5vocab(temp, 'semsearch_row_probe', 'instance');`);
    ready = true;
  };
  /** Non-ASCII character → whether the analyzer tokenizes and folds it as FTS5 does, to ASCII. */
  const agrees = new Map<string, boolean>();

  const check = (chars: readonly string[]) => {
    setUp();
    db.prepare('DELETE FROM temp.semsearch_fold_probe').run();
    const insert = db.prepare<[number, string]>(
      'INSERT INTO temp.semsearch_fold_probe (rowid, t) VALUES (?, ?)',
    );
    chars.forEach((c, i) => {
      insert.run(i + 1, `a${c}a`);
    });
    const made = new Map<number, string[]>();
    const rows = db
      .prepare<[], { term: string; doc: number }>(
        'SELECT term, doc FROM temp.semsearch_fold_terms ORDER BY doc, "offset"',
      )
      .all();
    for (const r of rows) made.set(r.doc, [...(made.get(r.doc) ?? []), r.term]);
    chars.forEach((c, i) => {
      const mine = words(`a${c}a`).map(foldWord);
      const theirs = made.get(i + 1) ?? [];
      agrees.set(
        c,
        mine.length === theirs.length && mine.every((w, j) => w === theirs[j] && !NON_ASCII.test(w)),
      );
    });
    db.prepare('DELETE FROM temp.semsearch_fold_probe').run();
  };

  return {
    exact(text) {
      if (!NON_ASCII.test(text)) return true;
      const chars = [...new Set(text.match(NON_ASCII_ALL) ?? [])];
      const unknown = chars.filter((c) => !agrees.has(c));
      if (unknown.length > 0) check(unknown);
      return chars.every((c) => agrees.get(c) === true);
    },
    terms(rows) {
      setUp();
      const out = new Map<number, FtsTerms>();
      const insert = db.prepare<[number, string, string]>(
        'INSERT INTO temp.semsearch_row_probe (rowid, title, text) VALUES (?, ?, ?)',
      );
      const read = db.prepare<[], { term: string; doc: number }>(
        'SELECT term, doc FROM temp.semsearch_row_terms',
      );
      const clear = db.prepare('DELETE FROM temp.semsearch_row_probe');
      for (let from = 0; from < rows.length; from += BATCH_ROWS) {
        clear.run();
        for (const r of rows.slice(from, from + BATCH_ROWS)) insert.run(r.id, r.title, r.text);
        for (const { term, doc } of read.iterate()) {
          let row = out.get(doc);
          if (!row) {
            row = { counts: new Map(), tokens: 0 };
            out.set(doc, row);
          }
          row.counts.set(term, (row.counts.get(term) ?? 0) + 1);
          row.tokens++;
        }
      }
      clear.run();
      for (const r of rows) if (!out.has(r.id)) out.set(r.id, { counts: new Map(), tokens: 0 });
      return out;
    },
  };
}
