/**
 * Input bounds checked where requests enter (HTTP and MCP): filter sizes, ISO dates, and a
 * key count that is checked before the keys are validated one by one, so a body of hundreds
 * of thousands of metadata keys is refused in one pass instead of being parsed entry by entry.
 */
import { z } from '@hono/zod-openapi';
import { DATE_FILTER_HINT, isIsoDateFilter } from './iso-date.js';

export { DATE_FILTER_HINT, isIsoDateFilter } from './iso-date.js';

/** Metadata pairs one filter may test (SQLite's expression depth is 1,000; one pair costs 2). */
export const FILTER_METADATA_KEYS_MAX = 64;
/** Article ids one filter may list. */
export const FILTER_ARTICLE_IDS_MAX = 1000;
/** Characters of a metadata key, and of a metadata string value, in a filter. */
export const FILTER_KEY_MAX_CHARS = 200;
export const FILTER_VALUE_MAX_CHARS = 1000;
/** Keys an article's metadata may carry when written through the API. */
export const ARTICLE_METADATA_KEYS_MAX = 256;

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
