/**
 * The one text analyzer: word tokens, English stop words and Porter stemming (the algorithm
 * SQLite FTS5's `porter` tokenizer uses), shared by the lexical query, the highlighter and
 * snippet emphasis, so whatever matched is what gets highlighted. Only this module imports
 * the stemmer.
 */
import { stemmer } from 'stemmer';

// A compact English stop-word list (function words and question words). FTS5 has none, and
// in a small collection "did" can be rarer than the topic.
const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both ' +
    'but by can could did do does doing down during each few for from further had has have having he her here hers ' +
    'herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on ' +
    'once only or other our ours ourselves out over own same say says said she should so some such than that the ' +
    'their theirs them themselves then there these they this those through to too under until up very was we were ' +
    'what when where which while who whom why will with would you your yours yourself yourselves tell'
  ).split(' '),
);

const WORD = /[\p{L}\p{N}]+/gu;

export interface Token {
  /** Lower-cased word. */
  word: string;
  start: number;
  end: number;
}

/** Word tokens of `text` with their offsets. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD))
    out.push({ word: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  return out;
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word.toLowerCase());
}

/** Stems already computed: a search stems every word of its candidate passages, and words repeat. */
const STEMS_KEPT = 100_000;
const stems = new Map<string, string>();

/** The Porter stem of a word (lower-cased first). */
export function stem(word: string): string {
  const w = word.toLowerCase();
  let s = stems.get(w);
  if (s === undefined) {
    // The stemmer runs a dozen regular expressions a word: under load it was the largest
    // cost of a search on the main thread. Forgetting everything at the cap keeps it simple.
    if (stems.size >= STEMS_KEPT) stems.clear();
    s = stemmer(w);
    stems.set(w, s);
  }
  return s;
}

/** Longest token, in UTF-8 bytes, that FTS5's porter tokenizer stems (FTS5_PORTER_MAX_TOKEN). */
const PORTER_MAX_BYTES = 64;
const NON_ASCII = /[\u0080-\uffff]/;
const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** A lower-cased word with its combining diacritics removed (indexTerm before the stem). */
export function foldWord(word: string): string {
  return NON_ASCII.test(word) ? word.normalize('NFD').replace(COMBINING_MARKS, '').normalize('NFC') : word;
}

/**
 * A lower-cased word as SQLite FTS5's `porter unicode61` tokenizer indexes it, for the words
 * where the two agree: combining diacritics (U+0300–036F after decomposition) removed, so café
 * is cafe, then Porter-stemmed when 3 to 64 bytes long. FTS5 folds fewer (Latin letters with
 * one diacritic only) and stems non-ASCII letters byte by byte; the store checks each text's
 * characters against FTS5 before trusting this (src/store/fts-tokens.ts).
 */
export function indexTerm(word: string): string {
  const w = foldWord(word);
  const bytes = NON_ASCII.test(w) ? Buffer.byteLength(w) : w.length;
  return bytes < 3 || bytes > PORTER_MAX_BYTES ? w : stem(w);
}

/** The lower-cased words of `text`, in order (the tokens `tokenize` gives, without offsets). */
export function words(text: string): string[] {
  const out: string[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) out.push(m[0].toLowerCase());
  return out;
}

/** The terms FTS5's `porter unicode61` tokenizer makes of `text`, in order. */
export function indexTerms(text: string): string[] {
  return words(text).map(indexTerm);
}

/**
 * The words of `text` (the tokens `tokenize` gives) whose lower-cased first letter is one of
 * `initials` (UTF-16 code units), lower-cased, with their offsets; `visit` returns true to
 * stop. Porter never changes a word's first letter, so a caller looking for certain stems skips
 * every other word on its first letter, before any string is made: the words of
 * /[\p{L}\p{N}]+/u, scanned by hand.
 */
export function scanWords(
  text: string,
  initials: ReadonlySet<number>,
  visit: (word: string, start: number, end: number) => boolean | undefined,
): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordUnit(text, i)) {
      i += unitWidth(text, i);
      continue;
    }
    const start = i;
    do i += unitWidth(text, i);
    while (i < n && isWordUnit(text, i));
    const c = text.charCodeAt(start);
    if (c < 128 && !initials.has(c >= 65 && c <= 90 ? c + 32 : c)) continue;
    const word = text.slice(start, i).toLowerCase();
    if (c >= 128 && !initials.has(word.charCodeAt(0))) continue;
    if (visit(word, start, i) === true) return;
  }
}

const WORD_CHAR = /^[\p{L}\p{N}]$/u;

/** Whether the code point at `i` is a letter or a digit (ASCII without a regular expression). */
function isWordUnit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(i) as number));
}

/** 2 for a surrogate pair, else 1. */
function unitWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) return 1;
  const next = text.charCodeAt(i + 1);
  return next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
}

/** The first UTF-16 code units of `stems`: what `scanWords` needs to look for them. */
export function initialsOf(stems: Iterable<string>): Set<number> {
  return new Set(Array.from(stems, (s) => s.charCodeAt(0)));
}

/** initialsOf of each stem set stemMatches was given. */
const initialsMemo = new WeakMap<ReadonlySet<string>, ReadonlySet<number>>();

/** A word of a text whose stem is one of the wanted stems. */
export interface StemMatch {
  start: number;
  end: number;
  stem: string;
}

/**
 * Matches already found per stem set, by text: a result page looks for the question's stems
 * in the same passage to highlight it and again to choose its snippet. Kept with the stem set
 * (one per parsed question), so they go when the search does.
 */
const matchesMemo = new WeakMap<ReadonlySet<string>, Map<string, readonly StemMatch[]>>();
const MATCHED_TEXTS_KEPT = 1_000;

/** The words of `text` whose Porter stem is one of `stems`, in text order. Not to be changed. */
export function stemMatches(text: string, stems: ReadonlySet<string>): readonly StemMatch[] {
  let initials = initialsMemo.get(stems);
  let seen = matchesMemo.get(stems);
  if (!initials || !seen) {
    initials = initialsOf(stems);
    initialsMemo.set(stems, initials);
    seen = new Map();
    matchesMemo.set(stems, seen);
  }
  const known = seen.get(text);
  if (known) return known;
  const out: StemMatch[] = [];
  scanWords(text, initials, (word, start, end) => {
    const s = stem(word);
    if (stems.has(s)) out.push({ start, end, stem: s });
    return undefined;
  });
  if (seen.size >= MATCHED_TEXTS_KEPT) seen.clear();
  seen.set(text, Object.freeze(out));
  return out;
}

/**
 * British and American spellings of a word (defence/defense, organise/organize, colour/color,
 * centre/center), the word itself first. The lexical side matches any of them.
 */
export function spellingVariants(word: string): string[] {
  const w = word.toLowerCase();
  const out = new Set([w]);
  const swap = (from: RegExp, to: string) => {
    if (from.test(w)) out.add(w.replace(from, to));
  };
  swap(/(def|off|lic|pret)ence(s?)$/, '$1ense$2');
  swap(/(def|off|lic|pret)ense(s?)$/, '$1ence$2');
  swap(/([a-z]{3,})is(e|es|ed|ing|ation|ations|er|ers)$/, '$1iz$2');
  swap(/([a-z]{3,})iz(e|es|ed|ing|ation|ations|er|ers)$/, '$1is$2');
  swap(/([a-z]{2,}[^aeiou])our(s|ed|ing|ite|ites|able)?$/, '$1or$2');
  swap(
    /(col|fav|hon|lab|neighb|harb|behavi|rum|vap|hum|arm|flav|vig|sav|rig|endeav)or(s|ed|ing|ite|ites|able)?$/,
    '$1our$2',
  );
  swap(/(cent|theat|met|lit|fib|calib)re(s?)$/, '$1er$2');
  swap(/(cent|theat|met|lit|fib|calib)er(s?)$/, '$1re$2');
  swap(/(catal|dial|analog|monol|prol)ogue(s?)$/, '$1og$2');
  return [...out];
}

/** Content words of `text`, lower-cased and unique; stop words dropped unless nothing else is left. */
export function contentWords(text: string, max: number): string[] {
  const words = tokenize(text).map((t) => t.word);
  // Single letters stay: dropping them (the s of a possessive, but also U.S.) cost time-dev
  // 0.012 nDCG@10.
  const content = words.filter((w) => !STOP_WORDS.has(w));
  return [...new Set(content.length > 0 ? content : words)].slice(0, max);
}
