/**
 * Reads of the store kept per index generation: every result page reads its candidates'
 * passage rows, vectors, stories and the first cards' articles, and the same ones come back
 * page after page (the same question asked again, a second page, questions on one subject).
 * A row read in one generation stays true until the generation moves (any write, in this
 * process or another, makes a new one, in the same transaction as the write), so each cache
 * starts over when the generation it holds is not the store's. A row read just after another
 * connection's write may be kept under the generation before it; the generation only grows, so
 * the next read of it, which sees the write, starts the cache over (and one answer mixing the
 * two is what reading without a cache gives too: each statement sees the newest commit). Each
 * is bounded by a count of entries, the least recently used dropped first.
 */
import { Lru } from '../../lru.js';

export interface GenerationCache<K, V> {
  /**
   * The values of `keys` (absent keys left out), those not kept read by `read`. `read` may
   * answer for more keys than it is asked (every member of a story): those are kept too.
   */
  many(keys: readonly K[], read: (missing: readonly K[]) => Map<K, V>): Map<K, V>;
  /** Entries kept. */
  readonly size: number;
}

/**
 * A cache of `capacity` entries over `generation()` (read once a call: a statement of a few
 * microseconds). `order` puts the keys of an answer in the order `read`
 * gives them (e.g. ascending ids, as SQLite answers `id IN (…)`), so that an answer from the
 * cache iterates exactly as one from the store.
 */
export function generationCache<K, V>(
  capacity: number,
  generation: () => number,
  order?: (keys: readonly K[]) => K[],
): GenerationCache<K, V> {
  const kept = new Lru<K, V>(capacity);
  let held = Number.NaN;
  return {
    get size() {
      return kept.size;
    },
    many(keys, read) {
      const now = generation();
      if (now !== held) {
        kept.clear();
        held = now;
      }
      const found = new Map<K, V>();
      const missing: K[] = [];
      for (const key of keys) {
        if (found.has(key)) continue;
        const value = kept.get(key);
        if (value === undefined) missing.push(key);
        else found.set(key, value);
      }
      if (missing.length === 0) return ordered(keys, found, order);
      for (const [key, value] of read(missing)) {
        kept.set(key, value);
        found.set(key, value);
      }
      return ordered(keys, found, order);
    },
  };
}

function ordered<K, V>(
  keys: readonly K[],
  found: Map<K, V>,
  order: ((keys: readonly K[]) => K[]) | undefined,
): Map<K, V> {
  const out = new Map<K, V>();
  for (const key of order ? order(keys) : keys) {
    const value = found.get(key);
    if (value !== undefined) out.set(key, value);
  }
  return out;
}
