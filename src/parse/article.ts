/**
 * The Article: what every parser produces and every later stage consumes.
 * Paragraph offsets index into `text`, so any passage can be cited back to its source.
 */

export interface Paragraph {
  /** 0-based position among the article's paragraphs. */
  index: number;
  /** Character offset (UTF-16 code units) of the paragraph's first character in `Article.text`. */
  start: number;
  /** Offset one past the paragraph's last character. */
  end: number;
}

export interface Article {
  id: string;
  title: string;
  /** The article's text as read (HTML: the extracted text); offsets refer to it. */
  text: string;
  paragraphs: Paragraph[];
  /** Place from a dateline, e.g. "TOKYO". */
  place?: string | undefined;
  /** ISO 8601 date: "2018-01-22", or "--01-22" when the year is not known. */
  date?: string | undefined;
  /** News agency or publisher, e.g. "TASS". */
  source?: string | undefined;
  /** The collection the article belongs to (its id then starts with "collection/"). */
  collection?: string | undefined;
  /** The file the article came from, if any. */
  sourcePath?: string | undefined;
  /** Anything else the input carried (standfirst, captions, JSON fields). */
  metadata: Record<string, unknown>;
  /** The record had a title and no text: the title is its text (a headline is content). */
  titleOnly?: boolean | undefined;
}

/** Split `text[from, to)` into paragraphs at blank lines, trimmed, with offsets into `text`. */
export function paragraphsByBlankLines(text: string, from = 0, to = text.length): Paragraph[] {
  const out: Paragraph[] = [];
  const blank = /\n[ \t\r]*\n/g;
  blank.lastIndex = from;
  let blockStart = from;
  const push = (s: number, e: number) => {
    const span = trimSpan(text, s, e);
    if (span) out.push({ index: out.length, start: span[0], end: span[1] });
  };
  for (let m = blank.exec(text); m && m.index < to; m = blank.exec(text)) {
    push(blockStart, m.index);
    blockStart = m.index + m[0].length;
  }
  push(blockStart, to);
  return out;
}

/** Shrink [start, end) past surrounding white space; undefined if nothing is left. */
export function trimSpan(text: string, start: number, end: number): [number, number] | undefined {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] ?? '')) s++;
  while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
  return s < e ? [s, e] : undefined;
}
