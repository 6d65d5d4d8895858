/** Words with offsets, the unit the name and attribution rules walk over. */

export interface Token {
  text: string;
  start: number;
  end: number;
}

const WORD =
  /[A-Za-z0-9\u00C0-\u024F](?:[A-Za-z0-9\u00C0-\u024F'’&\-/]|\.(?=[A-Za-z])|,(?=\d{3}))*|[^\sA-Za-z0-9\u00C0-\u024F]/g;

/** The words and punctuation marks of `text[from, to)`. */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  WORD.lastIndex = from;
  for (let match = WORD.exec(text); match !== null && match.index < to; match = WORD.exec(text)) {
    let word = match[0];
    // A trailing apostrophe or hyphen belongs to the punctuation, not the word.
    while (word.length > 1 && /['’\-/]$/.test(word)) word = word.slice(0, -1);
    tokens.push({ text: word, start: match.index, end: match.index + word.length });
    WORD.lastIndex = match.index + word.length;
  }
  return tokens;
}

/** A word written with a capital first, as names are ("Abe", "O'Neill", "M&S", "DrKW"). */
export function isCapitalised(word: string): boolean {
  return /^[A-Z\u00C0-\u00DE]/.test(word);
}

/** "Amro's" → "Amro"; other words unchanged. */
export function withoutPossessive(word: string): string {
  return word.replace(/['’]s$/, '');
}

export function isPossessive(word: string): boolean {
  return /['’]s$/.test(word);
}

/** Letters of an acronym ("M&S" → "MS", "DrKW" → "DKW"), or undefined when the word is not one. */
export function acronymLetters(word: string): string | undefined {
  const caps = word.replace(/[^A-Z]/g, '');
  if (caps.length < 2 || caps.length > 6) return undefined;
  if (word.length > 6 || !/^[A-Z][A-Za-z&]*$/.test(word)) return undefined;
  return caps.length >= word.replace(/[^A-Za-z]/g, '').length - 1 ? caps : undefined;
}
