/** What every parser's article must satisfy before it is stored: some text, bounded sizes, an id. */
import { SearchError } from '../errors.js';
import type { Article } from './article.js';

/** One article's text may not be longer than this (characters). */
export const ARTICLE_MAX_CHARS = 2_000_000;
/** Characters of a title; longer titles are cut (each passage embeds its title). */
export const TITLE_MAX_CHARS = 1000;

/** Characters of an article's place and source; longer ones are cut. */
export const FIELD_MAX_CHARS = 200;

/**
 * YYYY, YYYY-MM, YYYY-MM-DD, or that day with a time (ISO 8601), of a real calendar day; or
 * --MM-DD, a dateline's day whose year is unknown.
 */
export function isIsoDate(value: string): boolean {
  const yearless = /^--(\d{2})-(\d{2})$/.exec(value);
  if (yearless) return isIsoDate(`2024-${yearless[1]}-${yearless[2]}`); // a leap year: --02-29 is a day
  const m =
    /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$/.exec(
      value,
    );
  if (!m) return false;
  const [, y, mo = '01', d = '01'] = m;
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  return day.getUTCMonth() === Number(mo) - 1 && day.getUTCDate() === Number(d);
}

/** A UTF-16 half without its other half: stored as UTF-8 it would come back as three U+FFFD. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const HAS_LONE_SURROGATE = new RegExp(LONE_SURROGATE.source);

/** The string with each lone surrogate replaced by U+FFFD: one code unit for one, so offsets hold. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

const orNull = <T extends string | null | undefined>(s: T): T =>
  typeof s === 'string' ? (wellFormed(s) as T) : s;

/**
 * Check what every parser must guarantee: some text, not absurdly much, a title of at most
 * TITLE_MAX_CHARS (a longer one is cut, and `warn` hears about it).
 */
export function checkArticle(
  article: Article,
  where: string,
  warn: (warning: SearchError) => void = () => {},
): Article {
  if (
    HAS_LONE_SURROGATE.test(
      `${article.id}${article.title}${article.text}${article.place ?? ''}${article.source ?? ''}`,
    )
  ) {
    article = {
      ...article,
      id: wellFormed(article.id),
      title: wellFormed(article.title),
      text: wellFormed(article.text),
      place: orNull(article.place),
      source: orNull(article.source),
    };
  }
  if (article.text.length > ARTICLE_MAX_CHARS) {
    throw new SearchError(
      'DOCUMENT_TOO_LARGE',
      `${where} is ${article.text.length} characters, over the ${ARTICLE_MAX_CHARS} limit; split it into smaller articles.`,
      { details: { file: where, chars: article.text.length, limit: ARTICLE_MAX_CHARS } },
    );
  }
  if (article.date !== undefined && !isIsoDate(article.date)) {
    warn(
      new SearchError(
        'DATE_INVALID',
        `${where}: the date ${JSON.stringify(article.date.slice(0, 40))} is not an ISO 8601 date (YYYY-MM-DD); the article was stored without a date.`,
        { details: { file: where } },
      ),
    );
    article = { ...article, date: undefined };
  }
  if ((article.source?.length ?? 0) > FIELD_MAX_CHARS || (article.place?.length ?? 0) > FIELD_MAX_CHARS) {
    article = {
      ...article,
      source: article.source?.slice(0, FIELD_MAX_CHARS),
      place: article.place?.slice(0, FIELD_MAX_CHARS),
    };
  }
  if (article.paragraphs.length === 0) {
    throw new SearchError('EMPTY_DOCUMENT', `${where} has no text to index; it was skipped.`, {
      details: { file: where },
    });
  }
  if (!article.id.trim()) throw new SearchError('BAD_INPUT', `${where}: the article id is empty.`);
  if (article.title.length > TITLE_MAX_CHARS) {
    warn(
      new SearchError(
        'TITLE_TRUNCATED',
        `${where}: the title is ${article.title.length} characters; it was cut to ${TITLE_MAX_CHARS} and the article stored.`,
        { details: { file: where, chars: article.title.length, limit: TITLE_MAX_CHARS } },
      ),
    );
    return { ...article, title: article.title.slice(0, TITLE_MAX_CHARS) };
  }
  return article;
}
