/** Presentation helpers shared by the CLI and the search page. */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2018-01-22" → "January 22, 2018"; "--01-22" → "January 22"; anything else as given. */
export function formatDate(date: string | null): string | undefined {
  if (!date) return undefined;
  const m = /^(\d{4}|-)-(\d{2})-(\d{2})$/.exec(date);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || !month) return date;
  return m[1] === '-' ? `${month} ${Number(m[3])}` : `${month} ${Number(m[3])}, ${m[1]}`;
}
