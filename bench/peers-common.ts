/**
 * What the peer comparison hands every system and gets back: the same passages with their
 * stored vectors in, passage ids ranked best first out. Also the small pieces two peers share
 * (a plain FTS5 OR query, rank fusion) and the on-disk size of an index folder.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface PeerPassage {
  id: number;
  articleId: string;
  /** Title and passage text, as semsearch indexes them lexically. */
  text: string;
  /** The stored (q8 model) embedding, L2-normalized. */
  embedding: Float32Array;
}

export interface PeerQuery {
  id: string;
  text: string;
  /** Embedded once by semsearch's embedder and shared by every system. */
  vector: Float32Array;
}

export interface PeerIndex {
  /** Passage ids, best first, at most `depth` from each retrieval list before fusion. */
  search(query: PeerQuery, depth: number): Promise<number[]>;
  /** Bytes on disk, or undefined for an index that lives only in memory. */
  sizeBytes(): number | undefined;
  close(): Promise<void>;
}

export interface PeerSystem {
  name: string;
  /** Builds from the passages and vectors, into `dir` if it persists anything. */
  build(passages: readonly PeerPassage[], dir: string): Promise<PeerIndex>;
}

/** Bytes of every file under `path` (a file or a folder). */
export function diskBytes(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.size;
  return readdirSync(path).reduce((sum, f) => sum + diskBytes(join(path, f)), 0);
}

/**
 * A natural-language question as an FTS5 expression: its words quoted (so no FTS syntax gets
 * through) and OR-ed, since FTS5's default AND finds almost nothing for a whole question.
 * No stop-word list and no spelling variants: the peer's plain setup, not semsearch's analyzer.
 */
export function ftsOrQuery(text: string): string | undefined {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const unique = [...new Set(words)];
  return unique.length > 0 ? unique.map((w) => `"${w}"`).join(' OR ') : undefined;
}

/** RRF constant of the original paper, the one qmd (and semsearch) use. */
export const PEER_RRF_K = 60;

/**
 * Reciprocal rank fusion as qmd applies it to its lists: each list adds 1 / (k + rank), and a
 * passage that some list ranks first gains 0.05 (second or third: 0.02), so a clear winner
 * of either side is not outvoted by passages both lists rank middling.
 */
export function fuseRanks(lists: ReadonlyArray<readonly number[]>, k = PEER_RRF_K): number[] {
  const score = new Map<number, number>();
  const best = new Map<number, number>();
  for (const list of lists) {
    list.forEach((id, rank) => {
      score.set(id, (score.get(id) ?? 0) + 1 / (k + rank + 1));
      best.set(id, Math.min(best.get(id) ?? rank, rank));
    });
  }
  const bonus = (id: number) => {
    const r = best.get(id) ?? Number.POSITIVE_INFINITY;
    return r === 0 ? 0.05 : r <= 2 ? 0.02 : 0;
  };
  return [...score.keys()]
    .map((id) => ({ id, s: (score.get(id) ?? 0) + bonus(id) }))
    .sort((a, b) => b.s - a.s || a.id - b.id)
    .map((x) => x.id);
}
