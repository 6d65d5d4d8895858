/**
 * One card per article: a search's passage hits grouped by article, ranked by the article's
 * best passage, with one or two snippets and a meta line. Scores stay on the hits and come
 * out only when asked (`explain`), so every front end shows the same calm card.
 */
import type { ParsedQuery } from '../analysis/index.js';
import type { ArticleFacts } from '../backends/index.js';
import type { Hit, WordWeights } from '../search/index.js';
import { type AnswerForm, LEDE_BONUS, scoreArticleSentences, scoreSentences } from './answer-sentences.js';
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
  /** The title was derived from the article's first words (it has none of its own). */
  titleDerived?: true;
  /** True when the article may not answer the question (its confidence is below a good match). */
  weak: boolean;
  /** Where the card links: the article at its best passage. */
  link: { articleId: string; passageId: number };
  /** The original article on the web (its metadata `link` or `url`, http or https only), if known. */
  url?: string | null;
  snippets: Snippet[];
  /** The story's other copies (collapsed into this card); empty or absent when it has none. */
  copies?: StoryCopy[];
  explain?: CardExplain;
}

/** An article's web address fit to link to: http(s) only (never `javascript:` or a local file). */
export function webLink(value: string | null | undefined): string | null {
  if (typeof value !== 'string' || !/^https?:\/\//i.test(value)) return null;
  try {
    return new URL(value).href;
  } catch {
    return null;
  }
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

/** An article's text, for cards whose snippets may come from any of its sentences. */
export interface ArticleText {
  text: string;
  paragraphs: readonly { start: number; end: number }[];
}

/** A card's snippets, and how well its best sentence answers (0 when none holds a question word). */
export interface CardAnswer {
  snippets: Snippet[];
  score: number;
}

/**
 * The snippets a card shows: cropped around the sentence that best answers the question (of the
 * whole article when its text is given, else of its passages; answer-sentences.ts), and a
 * second around the next best one where it adds words of the question; where no sentence holds
 * one, its first two hits as ranked.
 */
export function cardSnippets(
  own: readonly Hit[],
  query: ParsedQuery,
  weights?: WordWeights,
  article?: ArticleText,
  form?: AnswerForm,
  lede = LEDE_BONUS,
): CardAnswer {
  const ranked = weights ? answerSentences(own, weights, article, form, lede) : [];
  const out: Snippet[] = [];
  const shown = (start: number, end: number) => out.some((s) => start < s.end && end > s.start);
  // The stretch of `hit` (its own offsets) between the snippets already shown around a sentence.
  const room = (hit: Hit, start: number, end: number) => {
    let lo = 0;
    let hi = hit.text.length;
    for (const s of out) {
      if (s.end - hit.start <= start) lo = Math.max(lo, s.end - hit.start);
      else if (s.start - hit.start >= end) hi = Math.min(hi, s.start - hit.start);
    }
    return { start: lo, end: hi };
  };
  for (const { hit, start, end } of ranked) {
    if (out.length === 2) break;
    if (!shown(hit.start + start, hit.start + end))
      out.push(snippetOf(hit, query, undefined, { start, end }, room(hit, start, end)));
  }
  for (const hit of own) {
    if (out.length === 2) break;
    const s = snippetOf(hit, query);
    if (!shown(s.start, s.end)) out.push(s);
  }
  return { snippets: out, score: ranked[0]?.score ?? 0 };
}

/** The sentences of `own` (or of its whole article) that hold a word of the question, best first. */
function answerSentences(
  own: readonly Hit[],
  weights: WordWeights,
  article: ArticleText | undefined,
  form: AnswerForm | undefined,
  lede: number,
) {
  const first = own[0];
  const scored =
    article && first
      ? scoreArticleSentences(article.text, article.paragraphs, weights, form, lede, true).map((s) => {
          // The article as one hit: the passage a snippet links to is the hit that holds it.
          const at = own.find((h) => h.start <= s.start && s.end <= h.end) ?? first;
          const hit = {
            ...first,
            passageId: at.passageId,
            start: 0,
            end: article.text.length,
            text: article.text,
          };
          return { hit, ...s };
        })
      : own.flatMap((hit) =>
          scoreSentences(hit.text, weights, hit.start === 0, true).map((s) => ({ hit, ...s })),
        );
  return scored.sort((a, b) => b.score - a.score || a.hit.start + a.start - (b.hit.start + b.start));
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
