/**
 * One card per article: a search's passage hits grouped by article, ranked by the article's
 * best passage, with one or two snippets and a meta line. Scores stay on the hits and come
 * out only when asked (`explain`), so every front end shows the same calm card.
 */
import type { ParsedQuery } from '../analysis/index.js';
import type { ArticleFacts } from '../backends/index.js';
import type { Hit } from '../search/index.js';
import { formatDate } from './format.js';
import { type Snippet, snippetOf } from './snippet.js';

export interface CardExplain {
  /** Fused score of the best passage (relative to this list). */
  score: number;
  /** Calibrated relevance of the best passage (0..1). */
  relevance: number;
  passages: Array<{
    passageId: number;
    start: number;
    end: number;
    score: number;
    relevance: number;
    dense: number | null;
    denseRank: number | null;
    bm25: number | null;
    lexicalRank: number | null;
    coverage: number;
  }>;
}

/** Another article of a card's story (a copy), as the card names and links it. */
export interface StoryCopy {
  id: string;
  title: string;
  source: string | null;
  date: string | null;
  collection: string | null;
  url: string | null;
}

export interface ResultCard extends ArticleFacts {
  rank: number;
  articleId: string;
  /** "place · date · source · collection", the parts that are known. */
  meta: string;
  /** True when even the best passage is only loosely related. */
  weak: boolean;
  /** Where the card links: the article at its best passage. */
  link: { articleId: string; passageId: number };
  snippets: Snippet[];
  /** The story's other copies (collapsed into this card); empty or absent when it has none. */
  copies?: StoryCopy[];
  explain?: CardExplain;
}

/** The collection an article belongs to (a folder or feed), wherever the index keeps it. */
export function collectionOf(article: {
  collection?: unknown;
  metadata?: Record<string, unknown> | null;
}): string | null {
  const value = article.collection ?? article.metadata?.collection;
  return typeof value === 'string' && value !== '' ? value : null;
}

export function metaLine(card: Pick<ResultCard, 'place' | 'date' | 'source' | 'collection'>): string {
  return [card.place, formatDate(card.date), card.source, card.collection].filter(Boolean).join(' · ');
}

/** The snippets a card shows: its article's first two hits (in score order). */
export function cardSnippets(own: readonly Hit[], query: ParsedQuery): Snippet[] {
  return own.slice(0, 2).map((h) => snippetOf(h, query));
}

/**
 * Group hits (in score order) into cards, one per article, in order of their best passage.
 * The cards are left without snippets: a wide candidate set's page gets them with cardSnippets.
 */
export function toCards(hits: readonly Hit[], explain = false): ResultCard[] {
  const byArticle = new Map<string, Hit[]>();
  for (const hit of hits) {
    const own = byArticle.get(hit.articleId);
    if (own) own.push(hit);
    else byArticle.set(hit.articleId, [hit]);
  }
  const cards: ResultCard[] = [];
  for (const [articleId, own] of byArticle) {
    const best = own[0] as Hit;
    const card: ResultCard = {
      rank: cards.length + 1,
      articleId,
      title: best.title,
      place: best.place,
      date: best.date,
      source: best.source,
      collection: best.collection,
      meta: '',
      weak: best.weak,
      link: { articleId, passageId: best.passageId },
      snippets: [],
    };
    card.meta = metaLine(card);
    if (explain) {
      card.explain = {
        score: best.score,
        relevance: best.relevance,
        passages: own.map((h) => ({
          passageId: h.passageId,
          start: h.start,
          end: h.end,
          score: h.score,
          relevance: h.relevance,
          ...h.scores,
        })),
      };
    }
    cards.push(card);
  }
  return cards;
}
