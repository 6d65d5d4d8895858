/**
 * Metadata sidecars: facts a file does not carry itself (the year of a dateline, a source), kept
 * beside the files so the articles stay byte-identical. One `semsearch.meta.json` per folder:
 *
 *   { "000_49243b7414c43ba9.txt": { "date": "2018-01-22", "source": "TASS", "topic": "Japan" } }
 *
 * `date`, `title`, `source` and `place` replace what the parser found; other keys go into the
 * article's metadata. A dateline without a year takes it from the sidecar's date, else from
 * the ingest's `year` option, else stays "--MM-DD" and is reported.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { SearchError } from '../errors.js';
import type { Article } from './article.js';

export const SIDECAR_FILE = 'semsearch.meta.json';

export type SidecarEntry = Record<string, unknown>;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isIsoDay(value: unknown): value is string {
  const m = typeof value === 'string' ? ISO_DAY.exec(value) : null;
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** Sidecars by folder, each read once per ingest; a broken one is reported once and ignored. */
export function createSidecarReader(report: (error: SearchError, path: string) => void) {
  const byDir = new Map<string, Record<string, SidecarEntry>>();
  const read = (dir: string): Record<string, SidecarEntry> => {
    const path = join(dir, SIDECAR_FILE);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return {}; // no sidecar: the usual case
    }
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw new Error('not an object');
      return value as Record<string, SidecarEntry>;
    } catch (cause) {
      report(
        new SearchError(
          'MALFORMED_JSON',
          `${path} is not a JSON object of file name → {date, source, …}; it was ignored (fix it and ingest again).`,
          { cause },
        ),
        path,
      );
      return {};
    }
  };
  return (file: string): SidecarEntry | undefined => {
    const dir = dirname(file);
    let entries = byDir.get(dir);
    if (!entries) {
      entries = read(dir);
      byDir.set(dir, entries);
    }
    const entry = entries[basename(file)];
    return entry && typeof entry === 'object' && !Array.isArray(entry) ? entry : undefined;
  };
}

/**
 * The article with its sidecar entry and year applied; `warn` hears about a bad sidecar date
 * and about a date whose year is still unknown.
 */
export function applySidecar(
  article: Article,
  entry: SidecarEntry | undefined,
  year: number | undefined,
  warn: (error: SearchError) => void,
): Article {
  const where = article.sourcePath ?? article.id;
  const out: Article = { ...article };
  if (entry) {
    const { date, title, source, place, ...rest } = entry;
    if (date !== undefined) {
      if (isIsoDay(date)) out.date = date;
      else {
        warn(
          new SearchError(
            'BAD_INPUT',
            `${SIDECAR_FILE} gives ${basename(where)} the date ${JSON.stringify(date)}, not an ISO date (YYYY-MM-DD); it was ignored.`,
          ),
        );
      }
    }
    if (typeof title === 'string' && title.trim()) out.title = title.trim();
    if (typeof source === 'string' && source.trim()) out.source = source.trim();
    if (typeof place === 'string' && place.trim()) out.place = place.trim();
    out.metadata = { ...article.metadata, ...rest };
  }
  if (out.date?.startsWith('--')) {
    if (year !== undefined) out.date = `${year}${out.date.slice(1)}`;
    else {
      warn(
        new SearchError(
          'DATE_YEAR_UNKNOWN',
          `${where}: the dateline has no year; stored as ${out.date}, which date filters with a year do not match. Give the year with --year YYYY or a ${SIDECAR_FILE} beside the file.`,
        ),
      );
    }
  }
  return out;
}
