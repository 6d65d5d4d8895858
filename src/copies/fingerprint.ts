/**
 * Fingerprints of an article's text for finding copies: a hash of its normalized words (exact
 * copies: the same words, whatever the spacing, case or punctuation) and a MinHash sketch of
 * its five-word shingles (near copies: a rewritten headline, a trimmed ending, a changed
 * paragraph). Two sketches agree at about the share of shingles the two texts have in common
 * (their Jaccard similarity), so comparing 128 numbers stands in for comparing whole texts.
 */
import { createHash } from 'node:crypto';
import { inSlices } from '../slices.js';

/** Words per shingle: long enough that two reports of one event rarely share many. */
export const SHINGLE_WORDS = 5;
/** Hash functions in a sketch (its length): the similarity estimate's error is about 1/√128. */
export const SKETCH_HASHES = 128;

const WORD = /[\p{L}\p{N}]+/gu;

/** The text's words, lower-cased, without punctuation. */
export function normalizedWords(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** The same for two texts exactly when their normalized words are the same. */
export function textHash(title: string, text: string): string {
  const words = normalizedWords(`${title}\n${text}`);
  return createHash('sha256').update(words.join(' ')).digest('base64url').slice(0, 24);
}

/** FNV-1a over a string, 32 bits. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Murmur3's finalizer: a cheap, well-mixed 32-bit permutation. */
function mix(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** One seed per hash function, fixed: sketches stored by one version compare with the next. */
const SEEDS = Uint32Array.from({ length: SKETCH_HASHES }, (_, i) => mix(0x9e3779b9 + i * 0x7f4a7c15));

/** The distinct shingle hashes of a text (a text shorter than a shingle is one shingle). */
export function shingleHashes(words: readonly string[]): Uint32Array {
  const out = new Set<number>();
  const last = Math.max(words.length - SHINGLE_WORDS, 0);
  for (let i = 0; i <= last; i++) out.add(fnv1a(words.slice(i, i + SHINGLE_WORDS).join(' ')));
  return Uint32Array.from(out);
}

/** The MinHash sketch of a text's shingles: per hash function, the least value over shingles. */
export function sketchOf(title: string, text: string): Uint32Array {
  const sketch = new Uint32Array(SKETCH_HASHES).fill(0xffffffff);
  for (const s of shingleHashes(normalizedWords(`${title}\n${text}`))) lower(sketch, s);
  return sketch;
}

/** The same sketch, worked out in slices: a 300 KB page's 50,000 shingles took 140 ms in one stretch. */
export async function sketchInSlices(title: string, text: string): Promise<Uint32Array> {
  const sketch = new Uint32Array(SKETCH_HASHES).fill(0xffffffff);
  await inSlices(shingleHashes(normalizedWords(`${title}\n${text}`)), (s) => lower(sketch, s));
  return sketch;
}

/** Take one shingle into a sketch. */
function lower(sketch: Uint32Array, shingle: number): void {
  for (let i = 0; i < SKETCH_HASHES; i++) {
    const v = mix(shingle ^ (SEEDS[i] as number));
    if (v < (sketch[i] as number)) sketch[i] = v;
  }
}

/** The share of places where two sketches agree: an estimate of the texts' shingle Jaccard. */
export function sketchSimilarity(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return same / n;
}

/** The exact shingle Jaccard similarity of two texts (for measurement and tests). */
export function shingleJaccard(a: string, b: string): number {
  const x = new Set(shingleHashes(normalizedWords(a)));
  const y = new Set(shingleHashes(normalizedWords(b)));
  let both = 0;
  for (const s of x) if (y.has(s)) both++;
  const union = x.size + y.size - both;
  return union === 0 ? 0 : both / union;
}

/** A sketch as bytes and back (stored as a BLOB or base64). */
export function sketchBytes(sketch: Uint32Array): Buffer {
  return Buffer.from(sketch.buffer, sketch.byteOffset, sketch.byteLength);
}

export function sketchFromBytes(bytes: Uint8Array): Uint32Array {
  const out = new Uint32Array(Math.floor(bytes.byteLength / 4));
  new Uint8Array(out.buffer).set(bytes.subarray(0, out.length * 4));
  return out;
}

/** The key a passage's embedded text is stored under: the same text reuses its vector. */
export function embeddingKey(embeddedText: string): string {
  return createHash('sha256').update(embeddedText).digest('base64url').slice(0, 32);
}
