/**
 * Which stored article a new one copies, if any: exact copies by text hash, near copies by
 * locality-sensitive hashing of MinHash sketches (42 bands of 3 rows: two texts share a bucket
 * with probability 1 - (1 - s³)⁴², 0.998 at the threshold s = 0.52, 0.04 at s = 0.1), each
 * candidate then checked with the whole sketch against the near-copy threshold. Fed the whole
 * index at the start of an ingest, and every article as it is ingested, so copies are found
 * across batches and runs alike.
 */
import { SKETCH_HASHES, sketchSimilarity } from './fingerprint.js';

/** Bands of ROWS sketch values each (126 of the 128 values). */
export const SKETCH_BANDS = 42;
const ROWS = 3;

/**
 * Estimated shingle Jaccard at or above which two articles are one story: the middle of the
 * gap between the most similar pair labelled "not a copy" (0.48) and the least similar pair
 * labelled "copy" that a threshold can keep (0.56) in test/fixtures/copy-pairs.jsonl.
 */
export const NEAR_COPY_THRESHOLD = 0.52;

/** What copy detection keeps of an article. */
export interface CopyFacts {
  /** The story (cluster) id: the id of the first article of the story stored. */
  story: string;
  textHash: string;
  sketch: Uint32Array;
}

export type CopyKind = 'exact' | 'near';

export interface CopyMatch {
  kind: CopyKind;
  /** The stored article it copies. */
  of: string;
  story: string;
  similarity: number;
}

export interface CopyFinder {
  /** The article this text copies (the most similar), or undefined for a story of its own. */
  find(id: string, textHash: string, sketch: Uint32Array): CopyMatch | undefined;
  /** Remember an article (after `find`, with the story it was given). */
  add(id: string, facts: CopyFacts): void;
}

function bandKey(sketch: Uint32Array, band: number): string {
  let key = `${band}`;
  for (let r = 0; r < ROWS; r++) key += `:${(sketch[band * ROWS + r] as number).toString(36)}`;
  return key;
}

export function createCopyFinder(
  known: Iterable<[string, CopyFacts]> = [],
  threshold = NEAR_COPY_THRESHOLD,
): CopyFinder {
  const facts = new Map<string, CopyFacts>();
  const byHash = new Map<string, string>();
  const buckets = new Map<string, string[]>();

  const forget = (id: string) => {
    const old = facts.get(id);
    if (!old) return;
    facts.delete(id);
    if (byHash.get(old.textHash) === id) byHash.delete(old.textHash);
    for (let b = 0; b < SKETCH_BANDS; b++) {
      const list = buckets.get(bandKey(old.sketch, b));
      const at = list?.indexOf(id) ?? -1;
      if (list && at >= 0) list.splice(at, 1);
    }
  };

  const add = (id: string, f: CopyFacts) => {
    forget(id);
    facts.set(id, f);
    if (!byHash.has(f.textHash)) byHash.set(f.textHash, id);
    if (f.sketch.length !== SKETCH_HASHES) return;
    for (let b = 0; b < SKETCH_BANDS; b++) {
      const key = bandKey(f.sketch, b);
      const list = buckets.get(key);
      if (list) list.push(id);
      else buckets.set(key, [id]);
    }
  };

  for (const [id, f] of known) add(id, f);

  return {
    add,
    find(id, hash, sketch) {
      const same = byHash.get(hash);
      if (same !== undefined && same !== id) {
        const f = facts.get(same) as CopyFacts;
        return { kind: 'exact', of: same, story: f.story, similarity: 1 };
      }
      if (sketch.length !== SKETCH_HASHES) return undefined;
      let best: CopyMatch | undefined;
      const checked = new Set<string>([id]);
      for (let b = 0; b < SKETCH_BANDS; b++) {
        for (const other of buckets.get(bandKey(sketch, b)) ?? []) {
          if (checked.has(other)) continue;
          checked.add(other);
          const f = facts.get(other) as CopyFacts;
          const similarity = sketchSimilarity(sketch, f.sketch);
          if (similarity < threshold || (best && best.similarity >= similarity)) continue;
          best = { kind: 'near', of: other, story: f.story, similarity };
        }
      }
      return best;
    },
  };
}
