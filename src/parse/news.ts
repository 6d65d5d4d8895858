/**
 * Plain-text articles, including the news-wire layout of the seeds:
 *   section line ("All news"), title, standfirst, photo caption lines,
 *   then a dateline paragraph "TOKYO, January 22. /TASS/. The Japanese…" and body paragraphs.
 * Text without a dateline is read as: first line the title, blank-line separated paragraphs.
 */
import { type Article, type Paragraph, paragraphsByBlankLines, trimSpan } from './article.js';

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** "TOKYO, January 22. /TASS/. " and "NEW YORK, March 3, 2019 /Reuters/ - ". */
const DATELINE =
  /^([A-Z][A-Z .'’-]*[A-Z]), ([A-Z][a-z]+)\.? (\d{1,2})(?:, (\d{4}))?\.? *\/([A-Za-z-]+)\/\.?[ \t]*(?:[-–—][ \t]*)?/m;

/** Lines this short, without final punctuation, that open a file are section labels. */
const SECTION_LINE_MAX_CHARS = 40;

export interface Dateline {
  place: string;
  month: number;
  day: number;
  year?: number | undefined;
  source: string;
}

export function parseDateline(line: string): (Dateline & { length: number }) | undefined {
  const m = DATELINE.exec(line);
  if (m?.index !== 0) return undefined;
  const month = MONTHS.indexOf((m[2] ?? '').toLowerCase()) + 1;
  const day = Number(m[3]);
  if (month === 0 || day < 1 || day > 31) return undefined;
  return {
    place: m[1] ?? '',
    month,
    day,
    year: m[4] ? Number(m[4]) : undefined,
    source: m[5] ?? '',
    length: m[0].length,
  };
}

export function isoDate(d: { year?: number | undefined; month: number; day: number }): string {
  const mm = String(d.month).padStart(2, '0');
  const dd = String(d.day).padStart(2, '0');
  return d.year ? `${d.year}-${mm}-${dd}` : `--${mm}-${dd}`;
}

function lines(text: string, from: number, to: number): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let s = from;
  while (s < to) {
    let e = text.indexOf('\n', s);
    if (e < 0 || e > to) e = to;
    const span = trimSpan(text, s, e);
    if (span) out.push({ start: span[0], end: span[1] });
    s = e + 1;
  }
  return out;
}

/** Parse a .txt article. `id` is decided by the caller (usually the file's path). */
export function parseTextArticle(id: string, text: string): Article {
  const news = parseNewsLayout(id, text);
  if (news) return news;
  const blocks = paragraphsByBlankLines(text);
  const first = blocks[0];
  const firstLine = first ? lines(text, first.start, first.end)[0] : undefined;
  const title = firstLine ? text.slice(firstLine.start, firstLine.end) : '';
  // A one-line first block is a heading, not body text.
  const body =
    first && firstLine && firstLine.end === first.end && blocks.length > 1 ? blocks.slice(1) : blocks;
  return { id, title, text, paragraphs: renumber(body), metadata: {} };
}

function parseNewsLayout(id: string, text: string): Article | undefined {
  const blocks = paragraphsByBlankLines(text);
  const datelineAt = blocks.findIndex((b) => parseDateline(text.slice(b.start, b.end)) !== undefined);
  if (datelineAt < 1) return undefined;
  const datelineBlock = blocks[datelineAt] as Paragraph;
  const dateline = parseDateline(text.slice(datelineBlock.start, datelineBlock.end));
  if (!dateline) return undefined;

  const head = blocks.slice(0, datelineAt).flatMap((b) => lines(text, b.start, b.end));
  let cursor = 0;
  let section: string | undefined;
  const firstHead = head[0];
  if (firstHead && head.length > 1) {
    const line = text.slice(firstHead.start, firstHead.end);
    if (line.length <= SECTION_LINE_MAX_CHARS && !/[.!?]$/.test(line)) {
      section = line;
      cursor = 1;
    }
  }
  const titleLine = head[cursor];
  const title = titleLine ? text.slice(titleLine.start, titleLine.end) : '';
  const standfirstLine = head[cursor + 1];
  const captions = head.slice(cursor + 2).map((l) => text.slice(l.start, l.end));

  const paragraphs: Paragraph[] = [];
  if (standfirstLine) paragraphs.push({ index: 0, start: standfirstLine.start, end: standfirstLine.end });
  const lead = trimSpan(text, datelineBlock.start + dateline.length, datelineBlock.end);
  if (lead) paragraphs.push({ index: 0, start: lead[0], end: lead[1] });
  paragraphs.push(...blocks.slice(datelineAt + 1));

  const metadata: Record<string, unknown> = {};
  if (section) metadata.section = section;
  if (standfirstLine) metadata.standfirst = text.slice(standfirstLine.start, standfirstLine.end);
  if (captions.length > 0) metadata.captions = captions;
  metadata.month = dateline.month;
  metadata.day = dateline.day;
  return {
    id,
    title,
    text,
    paragraphs: renumber(paragraphs),
    place: dateline.place,
    date: isoDate(dateline),
    source: dateline.source,
    metadata,
  };
}

function renumber(ps: Paragraph[]): Paragraph[] {
  return ps.map((p, index) => ({ index, start: p.start, end: p.end }));
}
