/**
 * What the index holds, in a few lines: article count, collections, sources and the date
 * range. Chat tools get it as server instructions and as `list_collections`. Computed once per
 * index generation (articles are read one by one, so at most CORPUS_SCAN_MAX of them).
 */
import type { SearchEngine } from '../../index.js';
import { collectionOf } from './cards.js';

/** Articles read to describe the corpus; beyond this the counts are a sample. */
export const CORPUS_SCAN_MAX = 5000;

export interface CorpusSummary {
  articles: number;
  /** True when only the first CORPUS_SCAN_MAX articles were read. */
  sampled: boolean;
  collections: Array<{ name: string; articles: number }>;
  sources: Array<{ name: string; articles: number }>;
  dateFrom: string | null;
  dateTo: string | null;
  generation: number;
}

const cache = new WeakMap<SearchEngine, CorpusSummary>();

const ranked = (counts: Map<string, number>) =>
  [...counts]
    .map(([name, articles]) => ({ name, articles }))
    .sort((a, b) => b.articles - a.articles || a.name.localeCompare(b.name));

export async function summarizeCorpus(engine: SearchEngine): Promise<CorpusSummary> {
  const { generation } = await engine.stats();
  const hit = cache.get(engine);
  if (hit && hit.generation === generation) return hit;
  const ids = await engine.articleIds();
  const collections = new Map<string, number>();
  const sources = new Map<string, number>();
  let dateFrom: string | null = null;
  let dateTo: string | null = null;
  for (const id of ids.slice(0, CORPUS_SCAN_MAX)) {
    const a = await engine.getArticle(id);
    if (!a) continue;
    const c = collectionOf(a);
    if (c) collections.set(c, (collections.get(c) ?? 0) + 1);
    if (a.source) sources.set(a.source, (sources.get(a.source) ?? 0) + 1);
    // Only full dates order; "--01-22" (no year) says nothing about the range.
    if (a.date && /^\d{4}/.test(a.date)) {
      if (dateFrom === null || a.date < dateFrom) dateFrom = a.date;
      if (dateTo === null || a.date > dateTo) dateTo = a.date;
    }
  }
  const summary: CorpusSummary = {
    articles: ids.length,
    sampled: ids.length > CORPUS_SCAN_MAX,
    collections: ranked(collections),
    sources: ranked(sources),
    dateFrom,
    dateTo,
    generation,
  };
  cache.set(engine, summary);
  return summary;
}

const list = (items: Array<{ name: string; articles: number }>, max = 12) =>
  items.length === 0
    ? 'none named'
    : `${items
        .slice(0, max)
        .map((i) => `${i.name} (${i.articles})`)
        .join(', ')}${items.length > max ? `, and ${items.length - max} more` : ''}`;

/** The corpus as a paragraph for a chat model. */
export function describeCorpus(s: CorpusSummary): string {
  const range =
    s.dateFrom && s.dateTo
      ? `dated ${s.dateFrom} to ${s.dateTo}`
      : 'without full dates (some give only month and day)';
  return [
    `A local archive of ${s.articles} news articles, ${range}.`,
    `Collections: ${list(s.collections)}. Sources: ${list(s.sources)}${s.sampled ? ` (counted over the first ${CORPUS_SCAN_MAX} articles)` : ''}.`,
    'Use search_articles with a plain-language question (filters: source, dateFrom/dateTo, metadata such as {"collection": "…"}); results come one per article with snippets and character offsets to cite.',
    'Read more with get_article (id, then offset/maxChars to page through long texts). list_collections lists the collections.',
  ].join(' ');
}
