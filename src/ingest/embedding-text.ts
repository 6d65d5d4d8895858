/**
 * The text embedded for a passage (its context lines and its text) and its token ids: what
 * the model sees, and what a stored vector is keyed by.
 */
import type { ChunkerSettings } from '../backends/index.js';
import {
  contextLines,
  contextualText,
  type PassageContext,
  type PassageDraft,
  type TokenCounter,
} from '../chunk/index.js';

/**
 * The text that is embedded for a passage: the shown text, with the title (and, if the index
 * says so, the article's lede) as context.
 */
export function embeddingText(
  title: string,
  passage: PassageDraft,
  chunker: ChunkerSettings,
  lede = '',
): string {
  return contextualText(passageContext(title, chunker, lede), passage.text);
}

function passageContext(title: string, chunker: ChunkerSettings, lede: string): PassageContext {
  return { title: chunker.titlePrefix ? title : '', lede: chunker.ledePrefix ? lede : '' };
}

/**
 * The token ids of what `embeddingText` gives, from the ids the chunker kept for the passage
 * and its context lines (title, lede) tokenized once each (the lines are joined by a line
 * break, which the tokenizer splits at). Undefined for a passage without ids, or a counter
 * that gives none: the embedder then tokenizes its text.
 */
export function embeddingIds(
  counter: TokenCounter,
  chunker: ChunkerSettings,
): (title: string, passage: PassageDraft, lede?: string) => number[] | undefined {
  const lineIds = new Map<string, readonly number[]>();
  return (title, passage, lede = '') => {
    if (!passage.tokenIds || !counter.tokenIds) return undefined;
    const out: number[] = [];
    for (const line of contextLines(passageContext(title, chunker, lede), passage.text)) {
      let ids = lineIds.get(line);
      if (!ids) {
        ids = counter.tokenIds(line);
        lineIds.set(line, ids);
      }
      for (const id of ids) out.push(id);
    }
    for (const id of passage.tokenIds) out.push(id);
    return out;
  };
}
