/**
 * JSON and JSON Lines records `{id, title, text, ...metadata}`: the format of the public
 * collections' corpus.jsonl. A broken line is reported with its number; the others still load.
 */
import { SearchError } from '../errors.js';
import { type Article, paragraphsByBlankLines } from './article.js';

export interface RecordProblem {
  line: number;
  error: SearchError;
}

export interface RecordsResult {
  articles: Article[];
  problems: RecordProblem[];
}

const KNOWN = new Set(['id', 'title', 'text', 'place', 'date', 'source']);

/** How deeply metadata may nest; deeper values would overflow recursive JSON handling later. */
export const METADATA_MAX_DEPTH = 32;

/** Nesting depth of a JSON value, counted without recursion (0 for a scalar); stops past `limit`. */
export function jsonDepth(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    const d = depth + 1;
    if (d > deepest) deepest = d;
    if (deepest > limit) return deepest;
    for (const child of Object.values(v)) stack.push([child, d]);
  }
  return deepest;
}

/** Turn one parsed JSON value into an Article, or throw BAD_INPUT saying what is wrong. */
export function recordToArticle(value: unknown, fallbackId: string, where: string): Article {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SearchError(
      'BAD_INPUT',
      `${where}: expected an object {id, title, text}, got ${Array.isArray(value) ? 'an array' : typeof value}.`,
    );
  }
  const rec = value as Record<string, unknown>;
  if (typeof rec.text !== 'string') {
    throw new SearchError('BAD_INPUT', `${where}: the record has no string "text" field.`);
  }
  if (rec.id !== undefined && typeof rec.id !== 'string' && typeof rec.id !== 'number') {
    throw new SearchError('BAD_INPUT', `${where}: "id" must be a string or a number.`);
  }
  for (const [k, v] of Object.entries(rec)) {
    if (!KNOWN.has(k) && jsonDepth(v, METADATA_MAX_DEPTH) > METADATA_MAX_DEPTH) {
      throw new SearchError(
        'BAD_INPUT',
        `${where}: field "${k.slice(0, 100)}" nests deeper than ${METADATA_MAX_DEPTH} levels; flatten it.`,
      );
    }
  }
  const str = (k: string) => (typeof rec[k] === 'string' ? (rec[k] as string) : undefined);
  const metadata: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec)) if (!KNOWN.has(k)) metadata[k] = v;
  const title = str('title') ?? '';
  let text = rec.text;
  let paragraphs = paragraphsByBlankLines(text);
  // A headline without text is content: the title becomes the text. Only a record with
  // neither is an empty document (checkArticle skips it).
  const titleOnly = paragraphs.length === 0 && title.trim() !== '';
  if (titleOnly) {
    text = title.trim();
    paragraphs = paragraphsByBlankLines(text);
  }
  return {
    id: rec.id === undefined ? fallbackId : String(rec.id),
    title,
    text,
    paragraphs,
    ...(titleOnly ? { titleOnly: true } : {}),
    place: str('place'),
    date: str('date'),
    source: str('source'),
    metadata,
  };
}

/** One line of JSON Lines: an article, a problem, or nothing for a blank line. */
export function parseJsonLine(
  raw: string,
  lineNo: number,
  name: string,
  baseId: string,
): { article: Article } | { problem: RecordProblem } | undefined {
  const line = raw.trim();
  if (!line) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (cause) {
    return {
      problem: {
        line: lineNo,
        error: new SearchError(
          'MALFORMED_JSON',
          `${name}:${lineNo}: not valid JSON (${(cause as Error).message.slice(0, 200)}); the line was skipped.`,
          { cause, details: { file: name, line: lineNo } },
        ),
      },
    };
  }
  try {
    return { article: recordToArticle(value, `${baseId}#${lineNo}`, `${name}:${lineNo}`) };
  } catch (err) {
    return { problem: { line: lineNo, error: asSearchError(err, `${name}:${lineNo}`) } };
  }
}

/** Any exception for one record as a BAD_INPUT naming where it came from. */
export function asSearchError(err: unknown, where: string): SearchError {
  return err instanceof SearchError
    ? err
    : new SearchError(
        'BAD_INPUT',
        `${where}: the record could not be read (${String((err as Error)?.message ?? err).slice(0, 200)}); it was skipped.`,
        { cause: err },
      );
}

export function parseJsonLines(text: string, name: string, baseId: string): RecordsResult {
  const articles: Article[] = [];
  const problems: RecordProblem[] = [];
  let lineNo = 0;
  for (const raw of text.split('\n')) {
    lineNo++;
    const result = parseJsonLine(raw, lineNo, name, baseId);
    if (!result) continue;
    if ('article' in result) articles.push(result.article);
    else problems.push(result.problem);
  }
  return { articles, problems };
}

export function parseJsonDocument(text: string, name: string, baseId: string): RecordsResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new SearchError(
      'MALFORMED_JSON',
      `${name} is not valid JSON (${(cause as Error).message.slice(0, 200)}).`,
      {
        cause,
        details: { file: name },
      },
    );
  }
  const list = Array.isArray(value) ? value : [value];
  const articles: Article[] = [];
  const problems: RecordProblem[] = [];
  list.forEach((v, i) => {
    try {
      articles.push(recordToArticle(v, list.length === 1 ? baseId : `${baseId}#${i}`, `${name}[${i}]`));
    } catch (err) {
      problems.push({ line: i, error: asSearchError(err, `${name}[${i}]`) });
    }
  });
  return { articles, problems };
}
