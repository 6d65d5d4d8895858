/**
 * What a card shows: the sentences of its article that best answer the question, not the
 * passage that ranked the article. The passage stays the unit of retrieval; the sentence is the
 * unit of the answer.
 *
 * A sentence is scored by the question's content words it holds, each weighted by how rare it
 * is in the whole index (a word such as "going" or "called" says little), plus a small bonus
 * for an article's opening sentence (news puts the answer first), a larger one for a topic
 * ("worldcom fraud trial": the reader wants the story's opening), and a smaller one for a
 * sentence with a date when the question asks when. Measured on the BBC reader questions
 * (`npm run eval:answers`, answer in the first card's snippets, order of the cards unchanged):
 * sentences of the retrieved passages with words weighted among the candidates 0.68; of the
 * whole article 0.68; with the index's weights 0.72; with the topic and date cues (and the
 * answering card first, results.ts) 0.88; with a name for "what is it called" 0.92. Measured and not kept: the sentence's own cosine to
 * the question (MiniLM embeds a lone sentence poorly for this: alone it picked the answer for
 * 0.40), weights that multiply or take the lesser of the index's and the candidates' rarity
 * (0.68 and 0.64 in a replay of the same cards), and cues for who, how many and why (each fires
 * on most sentences of a news story).
 */
import { type StemMatch, stemMatches } from '../analysis/index.js';
import type { Paragraph } from '../parse/index.js';
import { sentencesOf, type WordWeights, weightedShareOf } from '../search/index.js';

/** Added to an article's first sentence (its headline and lede in many feeds). */
export const LEDE_BONUS = 0.1;

/** Added, for a question that asks when, to a sentence that names a day or a month. */
export const DATE_BONUS = 0.05;
const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
/** A day and month, a month and year, a weekday or an ISO date. */
const DATE = new RegExp(
  `\\b(?:\\d{1,2}(?:st|nd|rd|th)? ${MONTH}\\b|${MONTH} \\d{1,2}\\b|${MONTH} (?:1[89]|20)\\d\\d\\b|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\\b|\\d{4}-\\d{2}-\\d{2}\\b)`,
);

/** Added instead of LEDE_BONUS for a topic ("worldcom fraud trial"): its story's opening. */
export const TOPIC_LEDE_BONUS = 0.5;

/** Whether a question is a topic, a few words with no question form ("fox hunting ban"). */
export const isTopic = (question: string) =>
  !/^\s*(?:who|whom|whose|what|when|where|which|why|how|is|are|was|were|do|does|did|can|could|will|would|should|has|have|had)\b/i.test(
    question,
  ) &&
  !question.includes('?') &&
  question.trim().split(/\s+/).length <= 4;

/** Whether a question asks when something happened. */
export const asksWhen = (question: string) => /^\s*(?:when|what date|what day|what year)\b/i.test(question);

/**
 * Added, for a question that asks what something is called, to a sentence that names something
 * ("called Veritas"): more than the question's words can give (a share is at most 1), so among
 * the sentences holding a word of the question one that gives a name comes first. Such
 * sentences are rare in news, unlike dates: BBC reader questions, answer in the first card
 * 0.88 → 0.92 and within three 0.92 → 0.96, where smaller bonuses (0.05 to 0.2) changed
 * nothing (the question's subject, "Kilroy-Silk", is "he" in the sentence that names his party).
 */
export const NAME_BONUS = 1;
/** "called Veritas", "named 'Blue'", "known as the Iron Lady": a name given. */
const NAMING = /\b(?:called|named|dubbed|known as|renamed)\s+(?:the\s+)?["'‘“]?\p{Lu}/u;

/** Whether a question asks what something is called ("what is his new party called"). */
export const asksName = (question: string) =>
  /^\s*what(?:'s|\s+is|\s+was|\s+are|\s+were|\s+will)\b.*\b(?:called|named)\s*\??\s*$/i.test(question);

/** What a sentence that answers the question's form holds, and what it gains for it. */
export interface AnswerForm {
  pattern: RegExp;
  bonus: number;
  /** Stems of the question that ask for the form rather than name the topic ("called"). */
  formStems?: readonly string[];
}

/** The form a question asks for (a date, a name), if any. */
export function answerForm(question: string): AnswerForm | undefined {
  if (asksWhen(question)) return { pattern: DATE, bonus: DATE_BONUS };
  if (asksName(question)) return { pattern: NAMING, bonus: NAME_BONUS, formStems: ['call', 'name'] };
  return undefined;
}

/** `w` without the words that ask for the form (their weight 0): "called" is not the topic. */
export function withoutFormWords(w: WordWeights, form: AnswerForm | undefined): WordWeights {
  const drop = form?.formStems;
  if (!drop?.length) return w;
  return { ...w, weights: w.weights.map((x, k) => (w.groups[k]?.some((s) => drop.includes(s)) ? 0 : x)) };
}

export interface ScoredSentence {
  /** Offsets into `text` as given (passage-relative for a passage). */
  start: number;
  end: number;
  score: number;
  /** The weighted share of the question's words it holds (the score without bonuses). */
  share: number;
}

/**
 * The sentences of `text` scored for the question. `atArticleStart` marks a text whose first
 * sentence opens its article. With `answering`, only those that hold a word of the question
 * (share above 0), and a text with none is not segmented at all.
 */
export function scoreSentences(
  text: string,
  w: WordWeights,
  atArticleStart: boolean,
  answering = false,
): ScoredSentence[] {
  const found = w.stems.size > 0 ? stemMatches(text, w.stems) : [];
  if (answering && found.length === 0) return [];
  const scored = sentencesOf(text).map((s, i) => {
    const share = shareOf(s, found, w);
    const lede = atArticleStart && i === 0 ? LEDE_BONUS : 0;
    return { start: s.start, end: s.end, score: share + lede, share };
  });
  return answering ? scored.filter((s) => s.share > 0) : scored;
}

/** The weighted share of the question's words among the matches inside sentence `s`. */
function shareOf(s: { start: number; end: number }, found: readonly StemMatch[], w: WordWeights): number {
  const inside = new Set(found.filter((m) => m.start >= s.start && m.end <= s.end).map((m) => m.stem));
  return weightedShareOf(inside, w);
}

/**
 * The sentences of a whole article scored for the question (article offsets), each paragraph
 * cut on its own; the article's first sentence is its opening. With `answering`, as for
 * scoreSentences.
 */
export function scoreArticleSentences(
  text: string,
  paragraphs: readonly Pick<Paragraph, 'start' | 'end'>[],
  w: WordWeights,
  form?: AnswerForm,
  lede = LEDE_BONUS,
  answering = false,
): ScoredSentence[] {
  const parts = paragraphs.length > 0 ? paragraphs : [{ start: 0, end: text.length }];
  const found = w.stems.size > 0 ? stemMatches(text, w.stems) : [];
  if (answering && found.length === 0) return [];
  const scored = parts
    .flatMap((p) => sentencesOf(text, p.start, p.end))
    .map((s, i) => {
      const cue = form?.pattern.test(text.slice(s.start, s.end)) ? form.bonus : 0;
      const share = shareOf(s, found, w);
      return { start: s.start, end: s.end, score: share + (i === 0 ? lede : 0) + cue, share };
    });
  return answering ? scored.filter((s) => s.share > 0) : scored;
}
