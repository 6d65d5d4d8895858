/**
 * Input bounds checked where requests enter (HTTP and MCP): filter sizes, ISO dates, and a
 * key count that is checked before the keys are validated one by one, so a body of hundreds
 * of thousands of metadata keys is refused in one pass instead of being parsed entry by entry.
 */
import { z } from '@hono/zod-openapi';

/** Metadata pairs one filter may test (SQLite's expression depth is 1,000; one pair costs 2). */
export const FILTER_METADATA_KEYS_MAX = 64;
/** Article ids one filter may list. */
export const FILTER_ARTICLE_IDS_MAX = 1000;
/** Characters of a metadata key, and of a metadata string value, in a filter. */
export const FILTER_KEY_MAX_CHARS = 200;
export const FILTER_VALUE_MAX_CHARS = 1000;
/** Keys an article's metadata may carry when written through the API. */
export const ARTICLE_METADATA_KEYS_MAX = 256;

const DATE = /^(?:(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?|--(\d{2})-(\d{2}))$/;

/** True for YYYY, YYYY-MM, YYYY-MM-DD (a real calendar day) and --MM-DD (year unknown). */
export function isIsoDateFilter(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const year = m[1] !== undefined ? Number(m[1]) : 2000; // a leap year, so --02-29 is fine
  const month = m[2] ?? m[4];
  const day = m[3] ?? m[5];
  if (month === undefined) return true;
  const mm = Number(month);
  if (mm < 1 || mm > 12) return false;
  if (day === undefined) return true;
  const dd = Number(day);
  return dd >= 1 && dd <= new Date(Date.UTC(year, mm, 0)).getUTCDate();
}

export const DATE_FILTER_HINT = 'an ISO date: YYYY, YYYY-MM, YYYY-MM-DD or --MM-DD';

export const DateFilterSchema = z
  .string()
  .max(32)
  .refine(isIsoDateFilter, { message: `must be ${DATE_FILTER_HINT}` });

/** An object with at most `max` own keys, counted before anything else is looked at. */
export function cappedRecord<T extends z.ZodType>(schema: T, max: number) {
  return z.preprocess((value, ctx) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      let n = 0;
      for (const _ in value) {
        if (++n > max) {
          ctx.addIssue({ code: 'custom', message: `at most ${max} keys are allowed` });
          return z.NEVER;
        }
      }
    }
    return value;
  }, schema);
}
