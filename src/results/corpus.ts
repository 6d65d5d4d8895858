/**
 * What the index holds, in a few lines: article count, collections, sources and the date
 * range (the backend's own aggregates, `corpusFacts`). Chat tools get it as server
 * instructions and as `list_collections`.
 */
import type { CorpusFacts } from '../backends/index.js';

const list = (items: Array<{ name: string; articles: number }>, max = 12) =>
  items.length === 0
    ? 'none named'
    : `${items
        .slice(0, max)
        .map((i) => `${i.name} (${i.articles})`)
        .join(', ')}${items.length > max ? `, and ${items.length - max} more` : ''}`;

/** The corpus as a paragraph for a chat model. */
export function describeCorpus(s: CorpusFacts): string {
  const range =
    s.dateFrom && s.dateTo
      ? `dated ${s.dateFrom} to ${s.dateTo}`
      : 'without full dates (some give only month and day)';
  return [
    `A local archive of ${s.articles} news articles, ${range}.`,
    `Collections: ${list(s.collections)}. Sources: ${list(s.sources)}.`,
    'Use search_articles with a plain-language question (filters: source, dateFrom/dateTo, metadata such as {"collection": "…"}); results come one per article with snippets and character offsets to cite.',
    'Read more with get_article (id, then offset/maxChars to page through long texts). list_collections lists the collections.',
  ].join(' ');
}
