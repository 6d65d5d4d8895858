/** Shapes every store method shares: what a write changed, and which articles a read may return. */

/** What a committed write changed: the derived vector index applies exactly this. */
export interface StoreChange {
  removedPassageIds: number[];
  added: Array<{ id: number; embedding: Float32Array }>;
  generation: number;
}

/** Which passages a search may return. Every field narrows; absent fields do not. */
export interface SearchFilters {
  articleIds?: readonly string[] | undefined;
  source?: string | undefined;
  /** Only articles with this place (dateline), compared exactly. */
  place?: string | undefined;
  /** Only articles in one of these collections. */
  collections?: readonly string[] | undefined;
  /** Inclusive ISO dates; articles without a date are left out when a range is given. */
  dateFrom?: string | undefined;
  dateTo?: string | undefined;
  /** Equality on metadata keys (JSON values compared as text). */
  metadata?: Readonly<Record<string, string | number | boolean>> | undefined;
}
