/**
 * BM25 over passages in memory: the same scores as FTS5's bm25() (k1 = 1.2, b = 0.75, its idf
 * floor, title and text weighted 1), from postings in typed arrays. At 100k passages the FTS5
 * query was most of a warm search (9 ms of a 13 ms mean, almost all of it bm25() over the
 * ~13,000 rows an OR of common words matches); this scores the same rows in about a tenth.
 *
 * It holds terms as the analyzer makes them (FTS5's `porter unicode61`, in the store), so a
 * query term is one such term. Removing a passage keeps its postings (skipped by search) until
 * the owner rebuilds (`deletedShare`); the owner (sqlite-lexical.ts) keeps it in step with the
 * database.
 */
import type { LexicalHit } from '../chunk-store.js';
import { anyMarked, doubled, IntList, topSlots } from './bm25-arrays.js';
import { CoverLists } from './bm25-cover.js';

/** How text becomes terms, and how idf takes its logarithm. */
export interface PassageBm25Options {
  /** The words of a text. */
  words(text: string): readonly string[];
  /** The term a word is indexed as. */
  term(word: string): string;
  /**
   * The natural logarithm for idf. @default Math.log, which differs from C's log() in the
   * last bit for about one value in forty; the store passes SQLite's, so scores match FTS5's
   * to the bit and ties fall the same way.
   */
  log?: (x: number) => number;
  /**
   * The stem the relevance model's word coverage makes of a word. A passage all of whose words
   * are indexed as exactly that answers `coverage` from its term list; another keeps a list of
   * its words' stems besides (when each keeps its word's first letter, as the text's coverage
   * looks only at words starting like a stem asked for).
   */
  coverageTerm?: (word: string) => string;
}

/** slotCoverable: coverage from the slot's own terms, or from its list of coverage terms. */
const COVER_OWN = 1;
const COVER_LIST = 2;

const K1 = 1.2;
const B = 0.75;
/** FTS5's floor for the idf of a term in more than half the rows. */
const IDF_FLOOR = 1e-6;

export interface PassageBm25 {
  /** Index a passage's fields (title, text); an id already held is replaced. */
  add(id: number, fields: readonly string[]): void;
  /**
   * Index a passage from its terms as counted elsewhere (term → occurrences, and its token
   * count); an id already held is replaced. It answers `coverage` only if given its fields.
   */
  addCounted(
    id: number,
    counts: ReadonlyMap<string, number>,
    tokens: number,
    fields?: readonly string[],
  ): void;
  /** Forget a passage (absent ids are ignored). */
  remove(id: number): void;
  /**
   * Passages holding any of the terms, best first, at most `limit`; each term counts once per
   * time it is given (FTS5 scores each phrase of an OR on its own). Ties go to the lower id.
   */
  search(terms: readonly string[], limit: number, allowed?: ReadonlySet<number>): LexicalHit[];
  /** Passages held. */
  readonly size: number;
  /** Removed passages whose postings are still kept, as a share of all slots. */
  deletedShare(): number;
  /**
   * For each passage held that can answer (see `coverageTerm`): the share of the word groups
   * (each a query word's stems) with a stem among its words' stems. Others are left out, for
   * the caller to work out from their text.
   */
  coverage(ids: readonly number[], groups: readonly (readonly string[])[]): Map<number, number>;
}

export function createPassageBm25(options: PassageBm25Options): PassageBm25 {
  const log = options.log ?? Math.log;
  const termIds = new Map<string, number>();
  /**
   * Word → term id: most words repeat, and stemming one costs a dozen regular expressions.
   * A word whose term is not its coverage term is stored as -(id + 1).
   */
  const wordTerms = new Map<string, number>();
  /** Per term, during one add: its count in the passage, and the slot it was last counted for. */
  const counts = new IntList(1024);
  const countedFor = new IntList(1024);
  const unique = new IntList(256);
  /** Per term: interleaved (slot, frequency) pairs, and the live passages holding it. */
  const postings: IntList[] = [];
  const documentCounts: number[] = [];
  const slotOf = new Map<number, number>();
  /** Per slot: passage id, token count (-1 once removed), and where its term ids are. */
  let slotIds = new Int32Array(1024);
  let slotTokens = new Int32Array(1024);
  let slotTermStart = new Int32Array(1024);
  let slotTermCount = new Int32Array(1024);
  /**
   * How a slot answers coverage: 0 not at all, COVER_OWN from its terms (every word is indexed
   * as its coverage term), COVER_LIST from its own list of coverage terms.
   */
  let slotCoverable = new Uint8Array(1024);
  /** Coverage scratch: the call that last marked each term. */
  const markedBy = new IntList(1024);
  let marks = 0;
  const slotTerms = new IntList(1 << 16);
  let slots = 0;
  let live = 0;
  let totalTokens = 0;
  // Search scratch, kept between searches and cleared through the touched list.
  let scores = new Float64Array(1024);
  let touched = new Int32Array(1024);

  const growSlots = () => {
    slotIds = doubled(slotIds);
    slotTokens = doubled(slotTokens);
    slotTermStart = doubled(slotTermStart);
    slotTermCount = doubled(slotTermCount);
    const coverable = new Uint8Array(slotIds.length);
    coverable.set(slotCoverable);
    slotCoverable = coverable;
    scores = new Float64Array(slotIds.length);
    touched = new Int32Array(slotIds.length);
  };

  const remove = (id: number): void => {
    const slot = slotOf.get(id);
    if (slot === undefined) return;
    slotOf.delete(id);
    const start = slotTermStart[slot] as number;
    const end = start + (slotTermCount[slot] as number);
    for (let i = start; i < end; i++) {
      const term = slotTerms.data[i] as number;
      documentCounts[term] = (documentCounts[term] as number) - 1;
    }
    totalTokens -= slotTokens[slot] as number;
    slotTokens[slot] = -1;
    live--;
  };

  const termId = (term: string): number => {
    let t = termIds.get(term);
    if (t === undefined) {
      t = postings.length;
      termIds.set(term, t);
      postings.push(new IntList());
      documentCounts.push(0);
      counts.push(0);
      countedFor.push(-1);
      markedBy.push(-1);
    }
    return t;
  };

  /** A new slot for the passage, its terms counted in `unique` / `counts`. */
  const newSlot = (id: number): number => {
    remove(id);
    if (slots === slotIds.length) growSlots();
    unique.length = 0;
    return slots++;
  };
  const count = (slot: number, t: number, n: number) => {
    if (countedFor.data[t] !== slot) {
      countedFor.data[t] = slot;
      counts.data[t] = 0;
      unique.push(t);
    }
    counts.data[t] = (counts.data[t] as number) + n;
  };
  const finish = (id: number, slot: number, tokens: number, coverable: number) => {
    slotIds[slot] = id;
    slotTokens[slot] = tokens;
    slotTermStart[slot] = slotTerms.length;
    slotTermCount[slot] = unique.length;
    slotCoverable[slot] = coverable;
    for (let i = 0; i < unique.length; i++) {
      const t = unique.data[i] as number;
      const list = postings[t] as IntList;
      list.push(slot);
      list.push(counts.data[t] as number);
      documentCounts[t] = (documentCounts[t] as number) + 1;
      slotTerms.push(t);
    }
    slotOf.set(id, slot);
    totalTokens += tokens;
    live++;
  };

  const covers = options.coverageTerm && new CoverLists(options.coverageTerm, termId);
  const coverList = (slot: number, fields: readonly string[]) =>
    covers?.keep(
      slot,
      fields.flatMap((f) => options.words(f)),
    )
      ? COVER_LIST
      : 0;

  return {
    add(id, fields) {
      const slot = newSlot(id);
      let tokens = 0;
      let coverable = options.coverageTerm !== undefined;
      for (const field of fields) {
        for (const word of options.words(field)) {
          tokens++;
          let t = wordTerms.get(word);
          if (t === undefined) {
            const term = options.term(word);
            t = termId(term);
            const same = options.coverageTerm?.(word) === term;
            wordTerms.set(word, same ? t : -(t + 1));
            if (!same) coverable = false;
          } else if (t < 0) {
            t = -t - 1;
            coverable = false;
          }
          count(slot, t, 1);
        }
      }
      finish(id, slot, tokens, coverable ? COVER_OWN : coverList(slot, fields));
    },
    addCounted(id, termCounts, tokens, fields) {
      const slot = newSlot(id);
      for (const [term, n] of termCounts) count(slot, termId(term), n);
      finish(id, slot, tokens, fields ? coverList(slot, fields) : 0);
    },
    remove,
    search(terms, limit, allowed) {
      if (live === 0 || limit <= 0) return [];
      const averageLength = totalTokens / live;
      let hits = 0;
      for (const term of terms) {
        const t = termIds.get(term);
        if (t === undefined) continue;
        const n = documentCounts[t] as number;
        if (n === 0) continue;
        let idf = log((live - n + 0.5) / (n + 0.5));
        if (idf <= 0) idf = IDF_FLOOR;
        const list = postings[t] as IntList;
        const data = list.data;
        for (let i = 0; i < list.length; i += 2) {
          const slot = data[i] as number;
          const tokens = slotTokens[slot] as number;
          if (tokens < 0) continue;
          if (allowed && !allowed.has(slotIds[slot] as number)) continue;
          const f = data[i + 1] as number;
          // The same expression, in the same order, as FTS5's fts5Bm25Function.
          const part = idf * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + (B * tokens) / averageLength)));
          const before = scores[slot] as number;
          if (before === 0) touched[hits++] = slot;
          scores[slot] = before + part;
        }
      }
      const best = topSlots(scores, touched, hits, limit, slotIds);
      const out = best.map((slot) => ({ passageId: slotIds[slot] as number, bm25: scores[slot] as number }));
      for (let i = 0; i < hits; i++) scores[touched[i] as number] = 0;
      return out;
    },
    get size() {
      return live;
    },
    deletedShare: () => (slots === 0 ? 0 : (slots - live) / slots),
    coverage(ids, groups) {
      const out = new Map<number, number>();
      if (groups.length === 0) return out;
      // A group's term ids; a stem no passage holds has none.
      const groupTerms = groups.map((stems) =>
        stems.map((stem) => termIds.get(stem)).filter((t): t is number => t !== undefined),
      );
      for (const id of ids) {
        const slot = slotOf.get(id);
        const how = slot === undefined ? 0 : (slotCoverable[slot] as number);
        if (slot === undefined || how === 0) continue;
        if (marks === 0x3fffffff) {
          markedBy.data.fill(-1);
          marks = 0;
        }
        const mark = ++marks;
        const own = how === COVER_OWN || !covers;
        const list = own ? slotTerms : covers.terms;
        const start = own ? (slotTermStart[slot] as number) : covers.start(slot);
        const end = start + (own ? (slotTermCount[slot] as number) : covers.count(slot));
        for (let i = start; i < end; i++) markedBy.data[list.data[i] as number] = mark;
        let found = 0;
        for (const terms of groupTerms) if (anyMarked(terms, markedBy.data, mark)) found++;
        out.set(id, found / groups.length);
      }
      return out;
    },
  };
}
