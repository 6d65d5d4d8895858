/**
 * English analysis done in the backend rather than in the cluster: the integ-test-zip
 * distribution carries no analysis-common module, so no `english` analyzer and no stemmer
 * filter exist there. Text is cut into letter/digit words, lower-cased, stripped of
 * diacritics and Porter-stemmed, the same steps as SQLite's `porter unicode61` tokenizer,
 * so both backends rank lexically alike. The cluster then only splits on white space.
 */
import { stemmer } from 'stemmer';
import { queryTerms } from '../fts-query.js';

function fold(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Stemmed terms of a text, in order, for indexing (no stop words dropped, as in FTS5). */
export function indexTerms(text: string): string {
  const words = fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.map((w) => stemmer(w)).join(' ');
}

/** Stemmed terms of a question: stop words dropped exactly as for the embedded backend. */
export function searchTerms(text: string): string[] {
  return [...new Set(queryTerms(text).map((w) => stemmer(fold(w))))];
}
