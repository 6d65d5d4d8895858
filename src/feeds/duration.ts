/** "15m", "30s", "2h", "1d", "500ms" → milliseconds (for `follow --every`). */
import { SearchError } from '../errors.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/i.exec(value);
  const ms = m ? Number(m[1]) * (UNIT_MS[(m[2] ?? 's').toLowerCase()] ?? 1000) : Number.NaN;
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new SearchError('BAD_INPUT', `"${value}" is not a duration; write e.g. 30s, 15m, 2h or 1d.`);
  }
  return ms;
}
