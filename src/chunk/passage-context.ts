/**
 * Context embedded with a passage (never stored or shown): the article's title and, when the
 * index asks for it, its lede, the first sentence of the article, so that a later paragraph
 * still carries the story's who and what.
 */
import { sentenceSpans, wordSpans } from './sentences.js';

/** What is embedded with a passage besides its text. */
export type PassageContextSetting = 'title' | 'title+lede' | 'none';

/**
 * The default for new indexes. Here, not in the configuration, because it decides what an
 * index holds: the evaluation cache's code stamp covers this folder. The lede raised the
 * article-level nDCG@10 average (+0.003) but lowered the seeds' passage-level nDCG@5 (0.713 to
 * 0.661): passages of one article all lean toward its lede, so the best one stands out less.
 */
export const DEFAULT_PASSAGE_CONTEXT: PassageContextSetting = 'title';

/** Most words of the lede embedded with each passage: the passage itself must stay in the window. */
export const LEDE_MAX_WORDS = 30;

/** The first sentence of `text`, cut to `maxWords` whole words. */
export function articleLede(text: string, maxWords = LEDE_MAX_WORDS): string {
  const first = sentenceSpans(text)[0];
  if (!first) return '';
  const words = wordSpans(text, first.start, first.end).slice(0, maxWords);
  const last = words[words.length - 1];
  return last ? text.slice(first.start, last.end) : '';
}

export interface PassageContext {
  title: string;
  /** The article's lede, or '' for none. */
  lede: string;
}

/**
 * The text the model embeds for a passage: the context lines, then the passage. The lede is
 * left out of a passage that already starts with it (the article's first passage).
 */
export function contextualText(context: PassageContext, passageText: string): string {
  return [...contextLines(context, passageText), passageText].join('\n');
}

/** The lines `contextualText` puts before the passage. */
export function contextLines(context: PassageContext, passageText: string): string[] {
  const lines: string[] = [];
  if (context.title) lines.push(context.title);
  if (context.lede && !passageText.startsWith(context.lede)) lines.push(context.lede);
  return lines;
}
