/**
 * The typed-array parts of the in-memory passage BM25 (passage-bm25.ts): a growable Int32Array
 * for postings and per-term scratch, and the choice of the best-scored slots with a heap.
 */

/** `a` in an array twice its length (the rest zero). */
export function doubled(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** A growable Int32Array. */
export class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 4) {
    this.data = new Int32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) this.data = doubled(this.data);
    this.data[this.length++] = value;
  }
}

/** Whether any of `terms` is marked `mark` (a loop, not a closure per passage and word). */
export function anyMarked(terms: readonly number[], marked: Int32Array, mark: number): boolean {
  for (const t of terms) if (marked[t] === mark) return true;
  return false;
}

/** The `limit` touched slots of highest score (ties: lower passage id), best first. */
export function topSlots(
  scores: Float64Array,
  touched: Int32Array,
  count: number,
  limit: number,
  ids: Int32Array,
): number[] {
  // A min-heap of the best so far: its root is the one to drop next.
  const heap: number[] = [];
  const worse = (a: number, b: number) => {
    const sa = scores[a] as number;
    const sb = scores[b] as number;
    return sa < sb || (sa === sb && (ids[a] as number) > (ids[b] as number));
  };
  const down = (from: number) => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l] as number, heap[m] as number)) m = l;
      if (r < heap.length && worse(heap[r] as number, heap[m] as number)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m] as number, heap[i] as number];
      i = m;
    }
  };
  for (let i = 0; i < count; i++) {
    const slot = touched[i] as number;
    if (heap.length < limit) {
      heap.push(slot);
      let j = heap.length - 1;
      while (j > 0) {
        const parent = (j - 1) >> 1;
        if (!worse(heap[j] as number, heap[parent] as number)) break;
        [heap[j], heap[parent]] = [heap[parent] as number, heap[j] as number];
        j = parent;
      }
    } else if (worse(heap[0] as number, slot)) {
      heap[0] = slot;
      down(0);
    }
  }
  return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
}
