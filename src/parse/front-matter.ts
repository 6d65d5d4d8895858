/**
 * YAML front matter of Markdown files (`---` … `---` at the top), read with the `yaml` package
 * (the only module that imports it): title, date, source go to their fields, the rest into
 * metadata. Front matter is never text: it was once the top hit for a question about islands.
 */
import { lazyRequire } from '../lazy-require.js';

// Loaded on the first front matter, not by every process that imports the library.
const yaml = lazyRequire<typeof import('yaml')>('yaml', import.meta.url);

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

export interface FrontMatter {
  /** Characters the block takes at the top of the file (0 when there is none). */
  length: number;
  title?: string;
  date?: string;
  source?: string;
  metadata: Record<string, unknown>;
  /** Why the block could not be read, when it could not (the block is still not text). */
  problem?: string;
}

/** A YAML value as JSON: dates become ISO days (YAML reads 2019-01-28 as a timestamp). */
function plainValue(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(plainValue);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainValue(v)]));
  }
  return value;
}

export function readFrontMatter(text: string): FrontMatter {
  const m = FRONT_MATTER.exec(text);
  if (!m) return { length: 0, metadata: {} };
  let data: unknown;
  try {
    data = yaml().parse(m[1] ?? '');
  } catch (error) {
    return { length: m[0].length, metadata: {}, problem: (error as Error).message };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { length: m[0].length, metadata: {} };
  const { title, date, source, publisher, ...rest } = plainValue(data) as Record<string, unknown>;
  const text1 = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const day = typeof date === 'string' && /^\d{4}-\d{2}-\d{2}/.test(date) ? date.slice(0, 10) : undefined;
  const out: FrontMatter = { length: m[0].length, metadata: rest };
  const t = text1(title);
  const s = text1(source) ?? text1(publisher);
  if (t) out.title = t;
  if (day) out.date = day;
  if (s) out.source = s;
  return out;
}
