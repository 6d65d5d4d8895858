/**
 * Quotations: where each one opens and closes, straight or curly. News conventions handled: a
 * quotation running over several paragraphs opens each paragraph and closes only the last
 * (BBC: `"First. "Second."`, the paragraph break lost or kept); a straight mark is told
 * opening from closing by the characters around it, and by the open/closed state when it has
 * spaces on both sides (TIME: `" WILL LAST . "`).
 */

export interface Quotation {
  /** Offset of the opening mark. */
  open: number;
  /** Offset just past the closing mark, or where the unclosed quotation stops. */
  close: number;
  /** The words inside, trimmed. */
  start: number;
  end: number;
  closed: boolean;
  /** Opens a further paragraph of the quotation before it (which was left unclosed). */
  continues: boolean;
}

/** An unclosed quotation longer than this is a stray mark, not a quotation. */
export const UNCLOSED_MAX_CHARS = 1200;

type Role = 'open' | 'close' | 'either';

function roleOf(text: string, i: number): Role {
  const mark = text[i];
  if (mark === '“' || mark === '„') return 'open';
  if (mark === '”') return 'close';
  const before = i === 0 ? ' ' : (text[i - 1] as string);
  const after = i + 1 >= text.length ? ' ' : (text[i + 1] as string);
  const spaceBefore = /[\s([{:—–-]/.test(before);
  const spaceAfter = /[\s.,;:!?)\]}]/.test(after);
  if (spaceBefore && !spaceAfter) return 'open';
  if (!spaceBefore && spaceAfter) return 'close';
  return 'either';
}

function trimmed(text: string, from: number, to: number): { start: number; end: number } {
  let start = from;
  let end = to;
  while (start < end && /\s/.test(text[start] as string)) start++;
  while (end > start && /[\s,]/.test(text[end - 1] as string)) end--;
  return { start, end };
}

function midSentence(text: string, open: number): boolean {
  const before = text.slice(Math.max(0, open - 200), open);
  const lastStop = Math.max(
    before.lastIndexOf('. '),
    before.lastIndexOf('\n'),
    before.lastIndexOf('! '),
    before.lastIndexOf('? '),
  );
  // After "he said:" or "said Mr X," a quotation is the statement itself, however long.
  return /\w/.test(before.slice(lastStop + 1)) && !/[:,]\s*$/.test(before);
}

/** Every quotation of `text`, in order. */
export function findQuotations(text: string): Quotation[] {
  const found: Quotation[] = [];
  let openAt = -1;
  let continues = false;
  let lastStop = -1; // where the previous unclosed quotation stopped
  const stop = (at: number, closed: boolean, close: number): void => {
    let until = at;
    if (!closed && midSentence(text, openAt)) {
      // A quoted phrase opened inside a sentence and never closed ends with its sentence.
      const end = /[.!?](?=\s)/.exec(text.slice(openAt, at));
      if (end !== null) until = openAt + end.index + 1;
    }
    const inner = trimmed(text, openAt + 1, until);
    if (inner.end > inner.start && (closed || inner.end - inner.start <= UNCLOSED_MAX_CHARS)) {
      found.push({ open: openAt, close, ...inner, closed, continues });
    }
    lastStop = closed ? -1 : close;
    openAt = -1;
  };
  const startAt = (i: number): void => {
    // A new paragraph (or sentence) of the same quotation: nothing but space since the last stop.
    continues = lastStop >= 0 && text.slice(lastStop, i).trim().length === 0;
    openAt = i;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\n' && openAt >= 0) {
      stop(i, false, i);
      continue;
    }
    if (ch !== '"' && ch !== '“' && ch !== '”' && ch !== '„') continue;
    const role = roleOf(text, i);
    if (openAt < 0) {
      if (role !== 'close') startAt(i);
    } else if (role === 'open') {
      stop(i, false, i);
      startAt(i);
    } else stop(i, true, i + 1);
  }
  if (openAt >= 0) stop(text.length, false, text.length);
  return found;
}

/** A test for "is this offset inside a quotation", over quotations in order. */
export function insideTest(quotations: readonly Quotation[]): (offset: number) => boolean {
  return (offset) => {
    let lo = 0;
    let hi = quotations.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const q = quotations[mid] as Quotation;
      if (offset < q.open) hi = mid - 1;
      else if (offset >= q.close) lo = mid + 1;
      else return offset > q.open;
    }
    return false;
  };
}
