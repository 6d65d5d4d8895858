/**
 * The index's word counts for a question's words (ChunkStore.wordFrequencies), remembered per
 * index generation: every result page asks for them, and the same words come back in question
 * after question. A count is a fact of one generation (any write makes a new one), so what was
 * counted stays true until the generation moves. Only for a store in this process, whose counts
 * change with its generation in one transaction; a networked store is asked every time.
 */
import type { ChunkStore, WordFrequencies } from '../backends/index.js';

/** Groups remembered per store before starting over. */
export const FREQUENCIES_KEPT = 20_000;

interface Counted {
  generation: number;
  passages: number;
  /** Group (its stems joined by a space) → passages holding it, or null: unknown. */
  counts: Map<string, number | null>;
}

const counted = new WeakMap<ChunkStore, Counted>();
const keyOf = (group: readonly string[]) => group.join(' ');

/** store.wordFrequencies(groups), answered from what the same generation already counted. */
export async function indexWordFrequencies(
  store: ChunkStore,
  groups: readonly (readonly string[])[],
): Promise<WordFrequencies> {
  if (store.capabilities.networked) return store.wordFrequencies(groups);
  const generation = await store.generation();
  let known = counted.get(store);
  if (known && (known.generation !== generation || known.counts.size >= FREQUENCIES_KEPT)) known = undefined;
  const missing = known ? groups.filter((g) => !known?.counts.has(keyOf(g))) : groups;
  if (known && missing.length === 0) {
    const { passages, counts } = known;
    return { passages, counts: groups.map((g) => counts.get(keyOf(g)) ?? null) };
  }
  const fresh = await store.wordFrequencies(missing);
  // Kept only if nothing was written meanwhile (then the counts are of `generation`).
  if ((await store.generation()) !== generation || (known && known.passages !== fresh.passages)) {
    return store.wordFrequencies(groups);
  }
  const keep = known ?? { generation, passages: fresh.passages, counts: new Map() };
  missing.forEach((g, k) => {
    keep.counts.set(keyOf(g), fresh.counts[k] ?? null);
  });
  counted.set(store, keep);
  return { passages: keep.passages, counts: groups.map((g) => keep.counts.get(keyOf(g)) ?? null) };
}
