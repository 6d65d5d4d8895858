/**
 * The article as text to read: paragraphs, sentences (that do not break inside a quotation) and
 * case restored to upper-case text so names can be told from common words.
 */

import { COMMON_WORDS } from './common-words.js';
import { CUE_VERBS, NOT_NAMES, PERSON_ROLES } from './lexicon.js';

export interface Span {
  start: number;
  end: number;
}

/** Paragraphs: runs of text between line breaks, blank lines skipped. */
export function paragraphStarts(text: string): number[] {
  const starts: number[] = [];
  for (const match of text.matchAll(/[^\n]+/g)) {
    if (match[0].trim().length > 0) starts.push(match.index);
  }
  return starts;
}

/** Index of the paragraph holding `offset` (binary search over the starts). */
export function paragraphOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] as number) <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

const ABBREVIATIONS = new Set(
  'mr mrs ms dr st jr sr gen col lt sgt rev prof no vs u.s u.k u.n inc ltd co corp fig mt jan feb aug sept oct nov dec'.split(
    ' ',
  ),
);

/**
 * Sentence spans: a boundary after `.`, `!` or `?` (and any closing quote) before a capital, a
 * digit or an opening quote, unless the word is an abbreviation or an initial; and at each line
 * break. Boundaries inside `inside` (the quotations) are skipped: a quotation and its
 * attribution stay one sentence.
 */
export function sentenceSpans(text: string, inside: (offset: number) => boolean): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const boundary = /[.!?]+["”’)]*(?=\s+["“‘(]?[A-Z0-9"“])|\n+/g;
  for (const match of text.matchAll(boundary)) {
    const end = match.index + match[0].length;
    if (match[0][0] !== '\n') {
      const word = /(\S+)\s*$/.exec(text.slice(Math.max(0, match.index - 12), match.index))?.[1] ?? '';
      const bare = word.replace(/^["“(]/, '').toLowerCase();
      if (ABBREVIATIONS.has(bare) || /^[A-Z]$/.test(word)) continue;
      if (inside(end)) continue;
    }
    if (text.slice(start, end).trim().length > 0) spans.push({ start, end });
    start = end;
  }
  if (text.slice(start).trim().length > 0) spans.push({ start, end: text.length });
  return spans;
}

/** True when the text is written in capitals (TIME 1963): names cannot be told by case. */
export function isUpperCase(text: string): boolean {
  const letters = text.replace(/[^A-Za-z]/g, '');
  if (letters.length < 40) return false;
  return letters.replace(/[^a-z]/g, '').length / letters.length < 0.05;
}

/**
 * Upper-case text with case restored, the same length (offsets hold): common words lower case,
 * other words capitalised, as names are in ordinary text.
 */
export function restoreCase(text: string): string {
  return text.replace(/[A-Za-z][A-Za-z'’]*/g, (word) => {
    const lower = word.toLowerCase();
    const bare = lower.replace(/['’]s$/, '');
    const capitalised = lower.charAt(0).toUpperCase() + lower.slice(1);
    if (NOT_NAMES.has(capitalised) && !/^(may|march|june|april)$/.test(lower)) return lower;
    if (COMMON_WORDS.has(bare) || CUE_VERBS.has(bare) || PERSON_ROLES.has(bare)) return lower;
    if (bare.length === 1) return lower;
    return capitalised;
  });
}
