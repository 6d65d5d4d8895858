/**
 * Snippets: a passage cropped to about two lines around its best sentence, with the query's
 * words marked as offset ranges by the shared analyzer (the same stems the lexical side
 * matched), so every front end shows and emphasises the same thing.
 */
import { matchStems, type ParsedQuery, stemMatches } from '../analysis/index.js';
import { sentenceSpans } from '../chunk/index.js';
import type { Hit } from '../search/index.js';

/** About two lines of a wide card. */
export const SNIPPET_MAX_CHARS = 240;

export interface Span {
  start: number;
  end: number;
}

export interface Snippet {
  passageId: number;
  /** Offsets of the snippet in the article text (before any ellipsis). */
  start: number;
  end: number;
  /** The cropped text, with "…" where it was cut. */
  text: string;
  /** Query words, as offsets into `text`. */
  emphasis: Span[];
}

/** Move `at` to the nearest word boundary in `text` (towards `direction`), within 30 chars. */
function wordBoundary(text: string, at: number, direction: -1 | 1): number {
  const limit = 30;
  for (let i = 0; i < limit; i++) {
    const p = at + direction * i;
    if (p <= 0) return 0;
    if (p >= text.length) return text.length;
    if (/\s/.test(text[p] ?? '')) return direction < 0 ? p + 1 : p;
  }
  return at;
}

/**
 * The window of `text` (passage-relative) to show: the best sentence, widened or cut to fit.
 * What is left of the room goes mostly after the sentence (its start reads better uncut); before
 * it, the whole sentence before when it fits in the room (the answer to a "why" often sits
 * next to the sentence naming the question's words), else the last quarter of the room's worth.
 * BBC reader questions (`npm run eval:answers`): the answer within three cards 0.88 → 0.92;
 * in the first card 0.88 either way. Only ever whole sentences before: 0.84 and 0.88.
 */
function window(text: string, focus: Span | undefined, max: number, room?: Span): Span {
  const lo = room?.start ?? 0;
  const hi = room?.end ?? text.length;
  if (hi - lo <= max) return { start: lo, end: hi };
  const f = focus ?? { start: lo, end: Math.min(hi, lo + max) };
  if (f.end - f.start >= max) {
    return { start: f.start, end: wordBoundary(text, f.start + max, -1) };
  }
  const spare = max - (f.end - f.start);
  const found = previousSentence(text, f.start, spare);
  const before = found && found.start >= lo ? found : undefined;
  const opening = before ? before.start : Math.max(lo, f.start - Math.floor(spare / 4));
  let end = Math.min(hi, opening + max);
  let start = Math.max(lo, end - max);
  // A sentence's own start stays; a cut one moves to the next word.
  if (start > 0 && !(before && start === before.start)) start = wordBoundary(text, start, 1);
  if (end < hi) end = wordBoundary(text, end, -1);
  return { start, end };
}

/** The whole sentence just before `at`, if it starts within `room` characters of it. */
function previousSentence(text: string, at: number, room: number): Span | undefined {
  if (at <= 0) return undefined;
  const from = Math.max(0, at - Math.floor(room) - 2);
  const spans = sentenceSpans(text, from, at);
  const last = spans.at(-1);
  // The first span found may be the tail of a longer sentence, unless it starts the text.
  if (!last || (spans.length < 2 && from > 0)) return undefined;
  return text.slice(last.start, at).trim() === '' ? undefined : last;
}

/** Query-word ranges inside `text`. */
export function emphasisOf(text: string, query: ParsedQuery): Span[] {
  const stems = matchStems(query);
  if (stems.size === 0) return [];
  // Neighbouring matches ("Kim Jong-un") read as one emphasis, not three.
  const out: Span[] = [];
  for (const t of stemMatches(text, stems)) {
    // The s of "Japan's" is a query word, but marking every "it’s" and "country’s" is noise.
    if (t.end - t.start === 1 && /['’]/.test(text[t.start - 1] ?? '')) continue;
    const last = out.at(-1);
    if (last && /^[\s\-–'’]{1,2}$/.test(text.slice(last.end, t.start))) last.end = t.end;
    else out.push({ start: t.start, end: t.end });
  }
  return out;
}

/**
 * A passage of `hit` cropped around `focus` (passage-relative offsets), or, without one,
 * around its highlighted sentence with the most query words; within `room` (passage-relative)
 * when given, so that it repeats nothing another snippet shows.
 */
export function snippetOf(
  hit: Hit,
  query: ParsedQuery,
  max = SNIPPET_MAX_CHARS,
  focus?: Span,
  room?: Span,
): Snippet {
  const w = window(hit.text, focus ?? bestHighlight(hit, query), max, room);
  // A cut start never opens on the end of the sentence before ("…. The", "…, and"): past it.
  if (w.start > 0) {
    const rest = /^[\s.,;:!?)\]”’]+/.exec(hit.text.slice(w.start, w.end))?.[0].length ?? 0;
    if (rest < w.end - w.start) w.start += rest;
  }
  const body = hit.text.slice(w.start, w.end).replace(/\s+/g, ' ');
  const lead = w.start > 0 ? '…' : '';
  // A window that ends on a sentence's end needs no mark ("supporters.…").
  const tail = w.end < hit.text.length && !/[.!?]["'”’)\]]?\s*$/.test(body) ? '…' : '';
  const text = `${lead}${body.trim()}${tail}`;
  return {
    passageId: hit.passageId,
    start: hit.start + w.start,
    end: hit.start + w.end,
    text,
    emphasis: emphasisOf(text, query),
  };
}

/** The highlight with the most query words, passage-relative. */
function bestHighlight(hit: Hit, query: ParsedQuery): Span | undefined {
  // Highlights come in text order; the snippet centres on the one with the most query words.
  const stems = matchStems(query);
  const words = (h: Span) =>
    new Set(stemMatches(hit.text.slice(h.start - hit.start, h.end - hit.start), stems).map((m) => m.stem))
      .size;
  const best = hit.highlights
    .map((h) => ({ h, words: words(h) }))
    .sort((a, b) => b.words - a.words || a.h.start - b.h.start)[0]?.h;
  return best ? { start: best.start - hit.start, end: best.end - hit.start } : undefined;
}

/** `text` split into plain and emphasised parts, for renderers. */
export function splitEmphasis(text: string, spans: readonly Span[]): Array<{ text: string; em: boolean }> {
  const out: Array<{ text: string; em: boolean }> = [];
  let cursor = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < cursor) continue;
    if (s.start > cursor) out.push({ text: text.slice(cursor, s.start), em: false });
    out.push({ text: text.slice(s.start, s.end), em: true });
    cursor = s.end;
  }
  if (cursor < text.length) out.push({ text: text.slice(cursor), em: false });
  return out;
}
