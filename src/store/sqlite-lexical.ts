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
import { indexTerm, indexTerms, parseQuery, spellingVariants, stem, words } from '../analysis/index.js';
import type { LexicalHit, SearchFilters } from './chunk-store.js';
import { createPassageBm25, type PassageBm25 } from './passage-bm25.js';

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
 * or undefined when the query needs FTS5 (phrases, exclusions, a word FTS5 would split).
 */
export function memoryQueryTerms(text: string): string[] | undefined {
  const query = parseQuery(text);
  if (query.phrases.length > 0 || query.excluded.length > 0) return undefined;
  const terms: string[] = [];
  for (const word of query.words) {
    for (const variant of spellingVariants(word)) {
      const made = indexTerms(variant);
      if (made.length !== 1) return undefined;
      terms.push(made[0] as string);
    }
  }
  return terms;
}

export function createMemoryLexical(db: Database.Database, lineage: LexicalLineage): MemoryLexical {
  const rows =
    'SELECT f.rowid AS id, f.title, f.text, p.article_id AS articleId FROM passages_fts f JOIN passages p ON p.id = f.rowid';
  const all = db.prepare<[], Row>(rows);
  const addedSince = db.prepare<[number], Row>(`${rows} WHERE p.generation > ?`);
  const removedSince = db.prepare<[number], { id: number }>(
    'SELECT DISTINCT id FROM removed_passages WHERE generation > ?',
  );
  const ln = db.prepare<[number], { v: number }>('SELECT ln(?) AS v');
  const log = (x: number) => ln.get(x)?.v ?? Math.log(x);
  let state: State | undefined;

  // One read transaction: the generation and the rows it names come from the same snapshot.
  const build = db.transaction((): State => {
    const generation = lineage.generation();
    const index = createPassageBm25({ words, term: indexTerm, log, coverageTerm: stem });
    const articles = new Map<number, string>();
    for (const row of all.iterate()) {
      index.add(row.id, [row.title, row.text]);
      articles.set(row.id, row.articleId);
    }
    return { index, articles, generation, token: lineage.commitToken(generation) };
  });
  const catchUp = db.transaction((s: State): void => {
    const target = lineage.generation();
    for (const { id } of removedSince.all(s.generation)) {
      s.index.remove(id);
      s.articles.delete(id);
    }
    for (const row of addedSince.all(s.generation)) {
      s.index.add(row.id, [row.title, row.text]);
      s.articles.set(row.id, row.articleId);
    }
    s.generation = target;
    s.token = lineage.commitToken(target);
  });

  const current = (): State | undefined => {
    if (!state) return undefined;
    if (state.generation !== lineage.generation()) {
      if (lineage.commitToken(state.generation) === state.token) {
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
      const terms = memoryQueryTerms(text);
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
