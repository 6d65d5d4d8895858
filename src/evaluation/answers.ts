/**
 * Scoring what a reader sees, as the BBC question sets define it (their SOURCE.md): whether
 * the answer is in the first cards' snippets, whether the label tells the truth, and, for
 * "what did X say about Y", whether the speaker's words come first among the answer units.
 * Answers are marked as verbatim substrings of the articles, so scores do not depend on how
 * the text is cut into passages.
 */
import { scoreQuery } from './metrics.js';

/** A judged reader question (news_questions.jsonl). */
export interface NewsQuestion {
  id: string;
  q: string;
  kind?: string;
  /** Verbatim answer substrings: 2 the answer, 1 its context. */
  rel: Record<string, number>;
  /** Articles that answer (2) or partly answer (1). */
  articles: Record<string, number>;
  answerable: boolean;
}

/** A judged "what did X say about Y" question (speech_questions.jsonl). */
export interface SpeechQuestion {
  id: string;
  q: string;
  rel: Record<string, number>;
  distractors: string[];
  /** Articles where the speaker speaks on the topic. */
  articles: string[];
  answerable: boolean;
}

/** What a response showed: its cards (article id and snippet texts) and its label. */
export interface ShownAnswer {
  match: 'good' | 'weak' | 'none';
  cards: Array<{ articleId: string; snippets: string[] }>;
}

/** Whitespace folded and the "…" of a cropped snippet dropped, for substring tests. */
function plain(text: string): string {
  return text.replace(/…/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Whether `shown` shows the marked substring: whole, or (as a cropped snippet may cut it) its
 * first or last five words.
 */
export function shows(shown: string, marked: string): boolean {
  const s = plain(shown);
  const m = plain(marked);
  if (s.includes(m)) return true;
  const words = m.split(' ');
  if (words.length <= 5) return false;
  return s.includes(words.slice(0, 5).join(' ')) || s.includes(words.slice(-5).join(' '));
}

/** An index's article id without its collection ("corpus/bbc-0001" → "bbc-0001"). */
export function bareId(articleId: string): string {
  return articleId.slice(articleId.lastIndexOf('/') + 1);
}

export interface NewsScore {
  id: string;
  answerable: boolean;
  /** Article nDCG@10 over the cards (linear gains, as trec_eval): each card its own article. */
  ndcg10: number;
  /**
   * nDCG@10 over stories (with `storyOf`): a card gains the best grade of its story's judged
   * copies, once, and the ideal list has one entry per story. The judgments list every copy of
   * a story while a card shows one copy and names the others, so the plain figure counts a
   * collapsed copy as missing; this one does not.
   */
  storyNdcg10?: number;
  /** A grade-2 answer in the first card's snippets. */
  answerAt1: boolean;
  /** ... in the first three cards' snippets. */
  answerAt3: boolean;
  /** `good` exactly when the first card is relevant (never `good` for an unanswerable one). */
  labelRight: boolean;
  firstRelevant: boolean;
}

/** nDCG@10 over stories (linear gains): a story gains its best judged copy's grade, once. */
export function storyNdcg(
  ranked: readonly string[],
  judged: ReadonlyMap<string, number>,
  storyOf: ReadonlyMap<string, string>,
): number {
  const story = (id: string) => storyOf.get(id) ?? id;
  const best = new Map<string, number>();
  for (const [id, g] of judged) if (g > 0) best.set(story(id), Math.max(best.get(story(id)) ?? 0, g));
  const seen = new Set<string>();
  let dcg = 0;
  ranked.slice(0, 10).forEach((id, i) => {
    const s = story(id);
    if (seen.has(s)) return;
    seen.add(s);
    dcg += (best.get(s) ?? 0) / Math.log2(i + 2);
  });
  const idcg = [...best.values()]
    .sort((x, y) => y - x)
    .slice(0, 10)
    .reduce((sum, g, i) => sum + g / Math.log2(i + 2), 0);
  return idcg > 0 ? dcg / idcg : 0;
}

export function scoreNews(q: NewsQuestion, a: ShownAnswer, storyOf?: ReadonlyMap<string, string>): NewsScore {
  const answers = Object.entries(q.rel)
    .filter(([, g]) => g >= 2)
    .map(([s]) => s);
  const has = (cards: ShownAnswer['cards']) =>
    cards.some((c) => c.snippets.some((t) => answers.some((m) => shows(t, m))));
  const judged = new Map(Object.entries(q.articles));
  const ranked = a.cards.map((c) => bareId(c.articleId));
  const firstRelevant = q.answerable && (judged.get(ranked[0] ?? '') ?? 0) > 0;
  return {
    id: q.id,
    answerable: q.answerable,
    ndcg10: q.answerable ? scoreQuery(ranked, judged).ndcg10 : 0,
    ...(storyOf ? { storyNdcg10: q.answerable ? storyNdcg(ranked, judged, storyOf) : 0 } : {}),
    answerAt1: q.answerable && has(a.cards.slice(0, 1)),
    answerAt3: q.answerable && has(a.cards.slice(0, 3)),
    labelRight: (a.match === 'good') === firstRelevant,
    firstRelevant,
  };
}

export interface SpeechScore {
  id: string;
  answerable: boolean;
  /** Passage nDCG@5 over the answer units, gains 2^grade − 1, each substring counted once. */
  ndcg5: number;
  /** Share of the first three units holding a distractor. */
  distractorsAt3: number;
  labelRight: boolean;
}

/** Score the answer units a response showed, in order (its statements, then its passage hits). */
export function scoreSpeech(q: SpeechQuestion, units: readonly string[], shown: ShownAnswer): SpeechScore {
  const marked = Object.entries(q.rel);
  const counted = new Set<string>();
  let dcg = 0;
  units.slice(0, 5).forEach((u, i) => {
    for (const [s, g] of marked) {
      if (counted.has(s) || !shows(u, s)) continue;
      counted.add(s);
      dcg += (2 ** g - 1) / Math.log2(i + 2);
    }
  });
  const ideal = marked
    .map(([, g]) => 2 ** g - 1)
    .sort((x, y) => y - x)
    .slice(0, 5)
    .reduce((s, g, i) => s + g / Math.log2(i + 2), 0);
  const first = shown.cards[0]?.articleId;
  const firstRelevant = q.answerable && first !== undefined && q.articles.includes(bareId(first));
  const top3 = units.slice(0, 3);
  const distracting = top3.filter((u) => q.distractors.some((d) => shows(u, d))).length;
  return {
    id: q.id,
    answerable: q.answerable,
    // One unit may hold several marked substrings, so the sum can pass the ideal's.
    ndcg5: q.answerable && ideal > 0 ? Math.min(1, dcg / ideal) : 0,
    distractorsAt3: top3.length > 0 ? distracting / top3.length : 0,
    labelRight: (shown.match === 'good') === firstRelevant,
  };
}
