/**
 * Sentences of a text (src/chunk's sentenceSpans), remembered by the text: a result page
 * segments the same passages to highlight them and again to choose their snippets, and the
 * same passages and articles come back in search after search. Segmenting is most of the cost
 * of either; the spans depend only on the text and the bounds given.
 */
import { type Span, sentenceSpans } from '../chunk/index.js';
import { Lru } from '../lru.js';

/** Texts whose sentences are kept (passages of about 1,000 characters, and whole articles). */
export const SENTENCE_TEXTS_KEPT = 2_000;

const kept = new Lru<string, Map<string, readonly Span[]>>(SENTENCE_TEXTS_KEPT);

/** sentenceSpans(text, start, end), from memory when the same text was segmented before. Not to be changed. */
export function sentencesOf(text: string, start = 0, end = text.length): readonly Span[] {
  let byBounds = kept.get(text);
  if (!byBounds) byBounds = kept.set(text, new Map());
  const key = `${start},${end}`;
  let spans = byBounds.get(key);
  if (!spans) {
    spans = Object.freeze(sentenceSpans(text, start, end));
    byBounds.set(key, spans);
  }
  return spans;
}
