/**
 * The passage BM25 of a long-running process, in memory and kept in step with the database.
 * Built from the FTS5 table's own rows when asked (`warm`: the server, the MCP server, the
 * search workers); until then, and for what it cannot answer (required phrases, excluded
 * words), searches go to FTS5, which scores the same. A one-shot `ask` never builds it: at
 * 100k passages that takes longer than FTS5's answer.
 *
 * It follows the write lineage as the HNSW graph does: before a search it applies what was
 * committed since its generation (removed ids, then passages added), or rebuilds when that
 * generation's commit is not in the database's history.
 */
import type Database from 'better-sqlite3';
import { indexTerm, indexTerms, parseQuery, spellingVariants, stem, words } from '../../analysis/index.js';
import type { LexicalHit, SearchFilters } from '../chunk-store.js';
import { createFtsTokens } from './fts-tokens.js';
import { createPassageBm25, type PassageBm25 } from './passage-bm25.js';

/** Rows read at a time while building. */
const BUILD_PAGE_ROWS = 4096;
/** Rebuild when removed passages are more than this share of what the postings hold. */
export const LEXICAL_COMPACT_SHARE = 0.25;

export interface LexicalLineage {
  generation(): number;
  commitToken(generation: number): string | undefined;
  allowedPassageIds(filters: SearchFilters | undefined): ReadonlySet<number> | undefined;
}

export interface MemoryLexical {
  /** Build the index now (a no-op once built). */
  warm(): void;
  /** The article of each passage held (absent ids are left out), or undefined when not built. */
  articlesOf(ids: readonly number[]): Map<number, string> | undefined;
  /** Word coverage of the passages it can answer exactly (see PassageBm25), or undefined when not built. */
  coverage(ids: readonly number[], groups: readonly (readonly string[])[]): Map<number, number> | undefined;
  /** BM25 hits from memory, or undefined when the index is not built or FTS5 must answer. */
  search(text: string, limit: number, filters: SearchFilters | undefined): LexicalHit[] | undefined;
  readonly built: boolean;
}

interface Row {
  id: number;
  title: string;
  text: string;
  articleId: string;
}

interface State {
  index: PassageBm25;
  /** Passage id → article id: a search groups its ~200 candidates by article before reading any. */
  articles: Map<number, string>;
  generation: number;
  token: string | undefined;
}

/**
 * The query's terms as FTS5 would score them (each spelling variant of each word, in order),
 * or undefined when the query needs FTS5: phrases, exclusions, or a word whose terms the
 * analyzer cannot vouch for (`exact`: see fts-tokens.ts).
 */
export function memoryQueryTerms(
  text: string,
  exact: (word: string) => boolean = () => true,
): string[] | undefined {
  const query = parseQuery(text);
  if (query.phrases.length > 0 || query.excluded.length > 0) return undefined;
  const terms: string[] = [];
  for (const word of query.words) {
    for (const variant of spellingVariants(word)) {
      const made = indexTerms(variant);
      if (made.length !== 1 || !exact(variant)) return undefined;
      terms.push(made[0] as string);
    }
  }
  return terms;
}

export function createMemoryLexical(db: Database.Database, lineage: LexicalLineage): MemoryLexical {
  const rows =
    'SELECT f.rowid AS id, f.title, f.text, p.article_id AS articleId FROM passages_fts f JOIN passages p ON p.id = f.rowid';
  /** Rows after an id, a page at a time: a build never holds every text at once. */
  const page = db.prepare<[number, number], Row>(`${rows} WHERE f.rowid > ? ORDER BY f.rowid LIMIT ?`);
  const addedSince = db.prepare<[number], Row>(`${rows} WHERE p.generation > ?`);
  const removedCount = db.prepare<[number], { n: number }>(
    'SELECT count(DISTINCT id) AS n FROM removed_passages WHERE generation > ?',
  );
  const removedSince = db.prepare<[number], { id: number }>(
    'SELECT DISTINCT id FROM removed_passages WHERE generation > ?',
  );
  const fts = createFtsTokens(db);
  // idf's logarithm from SQLite, as FTS5 takes it (V8's differs in the last bit now and then);
  // Math.log only where SQLite was built without its math functions.
  let ln: ((x: number) => number) | undefined;
  const log = (x: number) => {
    if (!ln) {
      try {
        const statement = db.prepare<[number], { v: number }>('SELECT ln(?) AS v');
        ln = (y) => statement.get(y)?.v ?? Math.log(y);
      } catch {
        ln = Math.log;
      }
    }
    return ln(x);
  };
  let state: State | undefined;

  /** Index rows: by the analyzer where its words are FTS5's, else by FTS5's own terms. */
  const index = (s: { index: PassageBm25; articles: Map<number, string> }, rows: readonly Row[]) => {
    const others: Row[] = [];
    for (const row of rows) {
      s.articles.set(row.id, row.articleId);
      if (fts.exact(row.title) && fts.exact(row.text)) s.index.add(row.id, [row.title, row.text]);
      else others.push(row);
    }
    // Their word coverage from the analyzer's own words, as it reads their text.
    const fields = new Map(others.map((r) => [r.id, [r.title, r.text]]));
    for (const [id, { counts, tokens }] of fts.terms(others))
      s.index.addCounted(id, counts, tokens, fields.get(id));
  };

  // One read transaction: the generation and the rows it names come from the same snapshot.
  const build = db.transaction((): State => {
    const generation = lineage.generation();
    const s = {
      index: createPassageBm25({ words, term: indexTerm, log, coverageTerm: stem }),
      articles: new Map<number, string>(),
    };
    for (let after = 0; ; ) {
      const rows = page.all(after, BUILD_PAGE_ROWS);
      if (rows.length === 0) break;
      index(s, rows);
      after = (rows.at(-1) as Row).id;
    }
    return { ...s, generation, token: lineage.commitToken(generation) };
  });
  const catchUp = db.transaction((s: State): void => {
    const target = lineage.generation();
    for (const { id } of removedSince.all(s.generation)) {
      s.index.remove(id);
      s.articles.delete(id);
    }
    index(s, addedSince.all(s.generation));
    s.generation = target;
    s.token = lineage.commitToken(target);
  });

  const current = (): State | undefined => {
    if (!state) return undefined;
    if (state.generation !== lineage.generation()) {
      const proven = lineage.commitToken(state.generation) === state.token;
      // A large removal rebuilds at once rather than applying it and then rebuilding.
      const removing = proven ? (removedCount.get(state.generation)?.n ?? 0) : 0;
      if (proven && removing <= LEXICAL_COMPACT_SHARE * state.index.size) {
        catchUp(state);
        if (state.index.deletedShare() > LEXICAL_COMPACT_SHARE) state = build();
      } else {
        state = build();
      }
    }
    return state;
  };

  return {
    warm() {
      if (!state) state = build();
    },
    articlesOf(ids) {
      const s = current();
      if (!s) return undefined;
      const out = new Map<number, string>();
      for (const id of ids) {
        const article = s.articles.get(id);
        if (article !== undefined) out.set(id, article);
      }
      return out;
    },
    coverage(ids, groups) {
      return current()?.index.coverage(ids, groups);
    },
    search(text, limit, filters) {
      if (!state) return undefined;
      const terms = memoryQueryTerms(text, fts.exact);
      if (!terms) return undefined;
      const s = current();
      if (!s || terms.length === 0 || limit <= 0) return [];
      const allowed = lineage.allowedPassageIds(filters);
      if (allowed && allowed.size === 0) return [];
      return s.index.search(terms, limit, allowed);
    },
    get built() {
      return state !== undefined;
    },
  };
}
