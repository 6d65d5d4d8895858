/** Small rules both backends share: an article's collection, a date filter's last day, name counts' order. */
import type { Article } from '../parse/index.js';

/**
 * The collection an article is stored under: its own field, or the metadata key watch and
 * follow set. Both backends store this, so filters, listings and counts agree.
 */
export function articleCollection(article: Article): string | null {
  if (article.collection) return article.collection;
  const fromMetadata = article.metadata.collection;
  return typeof fromMetadata === 'string' && fromMetadata ? fromMetadata : null;
}

/** The last day a filter's date covers: 2019 → 2019-12-31, 2019-01 → 2019-01-31. */
export function dateUpperBound(date: string): string {
  if (/^\d{4}$/.test(date)) return `${date}-12-31`;
  if (/^\d{4}-\d{2}$/.test(date)) return `${date}-31`;
  return date;
}

/** Name counts most first, then by name (code-unit order, as both backends' indexes sort keys). */
export function byCountThenName(
  a: { name: string; articles: number },
  b: { name: string; articles: number },
): number {
  return b.articles - a.articles || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
