/**
 * What a card shows: the sentences of its article's passages that best answer the question,
 * not the passage that ranked the article. The passage stays the unit of retrieval; the
 * sentence is the unit of the answer.
 *
 * A sentence is scored by the question's content words it holds, each weighted by how rare it
 * is among the search's candidate passages (a word every candidate holds, such as the name
 * that found them, tells the sentences apart least), plus a small bonus for an article's
 * opening sentence (news puts the answer first). Measured on the BBC reader questions
 * (`npm run eval:answers`): the answer in the first card's snippets went from 0.64 to 0.72–0.76
 * over the ways of weighting tried, and within three cards from 0.80 to 0.92–0.96. Measured and
 * not kept: the sentence's own cosine to the question (MiniLM embeds a lone sentence poorly for
 * this: alone it picked the answer for 0.40, and adding it to the words lowered the share), and
 * cues of the question's form (who → a name, when → a date, how many → a number, why → a
 * reason): each cue fires on most sentences of a news story, and every weight given to them
 * lowered the share.
 */
import { stemMatches } from '../analysis/index.js';
import { sentenceSpans } from '../chunk/index.js';
import { type WordWeights, weightedShareOf } from '../search/index.js';

/** Added to an article's first sentence (its headline and lede in many feeds). */
export const LEDE_BONUS = 0.1;

export interface ScoredSentence {
  /** Offsets into `text` as given (passage-relative for a passage). */
  start: number;
  end: number;
  score: number;
}

/**
 * The sentences of `text` scored for the question. `atArticleStart` marks a text whose first
 * sentence opens its article.
 */
export function scoreSentences(text: string, w: WordWeights, atArticleStart: boolean): ScoredSentence[] {
  const found = w.stems.size > 0 ? stemMatches(text, w.stems) : [];
  return sentenceSpans(text).map((s, i) => {
    const inside = new Set(found.filter((m) => m.start >= s.start && m.end <= s.end).map((m) => m.stem));
    const lede = atArticleStart && i === 0 ? LEDE_BONUS : 0;
    return { start: s.start, end: s.end, score: weightedShareOf(inside, w) + lede };
  });
}
