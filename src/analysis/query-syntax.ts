/**
 * The query syntax people already use: `"exact phrase"` (required), `-word` (excluded), and
 * plain words (any of them, with British/American spelling variants). Everything else is plain
 * text: no FTS5 syntax ever leaks through, because the expression is built from word tokens.
 */
import { contentWords, spellingVariants, stem, tokenize } from './analyzer.js';

/** Most word terms one lexical query may carry. */
export const QUERY_MAX_TERMS = 64;

export interface ParsedQuery {
  /** Content words (stop words dropped unless nothing else is left). */
  readonly words: readonly string[];
  /** Required phrases, each as its lower-cased words. */
  readonly phrases: readonly (readonly string[])[];
  /** Excluded words. */
  readonly excluded: readonly string[];
  /** The text the model embeds: the query without syntax marks and excluded words. */
  readonly plain: string;
}

/**
 * The question's words, phrases and exclusions. A search parses its question once (its plan,
 * src/search/plan.ts) and hands the parse to every stage; the result is frozen, so memos keyed
 * by it (matchStems, word coverage) stay valid for as long as it lives.
 */
export function parseQuery(text: string): ParsedQuery {
  const phrases: string[][] = [];
  const excluded: string[] = [];
  let rest = text.replace(/"([^"]*)"/g, (_, inner: string) => {
    const words = tokenize(inner).map((t) => t.word);
    if (words.length > 0) phrases.push(words);
    return ` ${inner} `;
  });
  rest = rest.replace(/(^|\s)-([\p{L}\p{N}]+)/gu, (_, lead: string, word: string) => {
    excluded.push(word.toLowerCase());
    return lead;
  });
  const plain = rest.replace(/\s+/g, ' ').trim();
  return Object.freeze({
    words: Object.freeze(contentWords(plain, QUERY_MAX_TERMS)),
    phrases: Object.freeze(phrases.map((p) => Object.freeze(p))),
    excluded: Object.freeze(excluded),
    plain: plain || text.trim(),
  });
}

const quote = (word: string) => `"${word}"`;

/**
 * The FTS5 MATCH expression, or undefined when the query has nothing to match. Phrases are
 * required, words are OR-ed with their spelling variants, excluded words are NOT-ed.
 */
export function ftsExpression(query: ParsedQuery): string | undefined {
  // Terms hold only letters and digits, so the quotes cannot be broken out of.
  const words = query.words.map((w) => {
    const variants = spellingVariants(w);
    return variants.length > 1 ? `(${variants.map(quote).join(' OR ')})` : quote(w);
  });
  const required = query.phrases.map((p) => `"${p.join(' ')}"`);
  const positive = [...required, ...(words.length > 0 ? [`(${words.join(' OR ')})`] : [])];
  if (positive.length === 0) return undefined;
  const excluded = query.excluded.map((w) => ` NOT ${quote(w)}`).join('');
  return `${positive.join(' AND ')}${excluded}`;
}

const stemsOf = new WeakMap<ParsedQuery, Set<string>>();

/** Stems that count as a match of the query's words (variants included), for highlighting. */
export function matchStems(query: ParsedQuery): ReadonlySet<string> {
  let out = stemsOf.get(query);
  if (!out) {
    out = new Set<string>();
    for (const w of [...query.words, ...query.phrases.flat()])
      for (const v of spellingVariants(w)) out.add(stem(v));
    stemsOf.set(query, out);
  }
  return out;
}

/** Whether `text` passes the query's phrase and exclusion rules (applied to dense hits too). */
export function satisfiesSyntax(query: ParsedQuery, text: string): boolean {
  if (query.phrases.length === 0 && query.excluded.length === 0) return true;
  const stems = tokenize(text).map((t) => stem(t.word));
  const excluded = new Set(query.excluded.map(stem));
  if (stems.some((s) => excluded.has(s))) return false;
  return query.phrases.every((phrase) => {
    const want = phrase.map(stem);
    for (let i = 0; i + want.length <= stems.length; i++) {
      if (want.every((s, j) => stems[i + j] === s)) return true;
    }
    return false;
  });
}
