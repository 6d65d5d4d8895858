/**
 * Word coverage for the passages of the in-memory BM25 whose index terms are not their words'
 * stems (accented words, words past FTS5's stemming length, passages FTS5 tokenizes itself):
 * each keeps the term ids of its words' distinct stems apart, so that coverage is answered
 * from the index for them too, not worked out again from their text on every search.
 */
import { doubled, IntList } from './bm25-arrays.js';

export class CoverLists {
  /** The kept term ids, slot after slot. */
  readonly terms = new IntList(1024);
  #start = new Int32Array(1024);
  #count = new Int32Array(1024);
  /** Word → the term id of its stem, or -1: a stem that does not start as its word. */
  readonly #wordStems = new Map<string, number>();

  constructor(
    private readonly stemOf: (word: string) => string,
    private readonly termId: (term: string) => number,
  ) {}

  /**
   * Keep the slot's stems; false (nothing kept) when a word's stem does not start as the word
   * does: the text's coverage looks only at words starting like a stem asked for.
   */
  keep(slot: number, words: Iterable<string>): boolean {
    while (slot >= this.#start.length) {
      this.#start = doubled(this.#start);
      this.#count = doubled(this.#count);
    }
    const seen = new Set<number>();
    for (const word of words) {
      let t = this.#wordStems.get(word);
      if (t === undefined) {
        const stem = this.stemOf(word);
        t = stem.charCodeAt(0) === word.charCodeAt(0) ? this.termId(stem) : -1;
        this.#wordStems.set(word, t);
      }
      if (t < 0) return false;
      seen.add(t);
    }
    this.#start[slot] = this.terms.length;
    this.#count[slot] = seen.size;
    for (const t of seen) this.terms.push(t);
    return true;
  }

  start(slot: number): number {
    return this.#start[slot] as number;
  }

  count(slot: number): number {
    return this.#count[slot] as number;
  }
}
