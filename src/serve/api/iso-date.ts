/**
 * The date forms a filter accepts, apart from the zod schemas in limits.ts so that the CLI can
 * check its --from/--to options without loading zod and its OpenAPI extension at start-up.
 */

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
