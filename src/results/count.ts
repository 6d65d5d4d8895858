/**
 * What a results page says of its count: the cards are every candidate the search found, and
 * only some are likely to answer (the label's notion of a match, see src/search/confidence.ts).
 * The CLI, the page and MCP say how many, and how a date sort treats the rest.
 */
import type { ResultsResponse } from './results.js';

/**
 * "3 likely relevant, newest first; the rest by relevance", "none likely relevant", or
 * undefined when every card is likely relevant and the order needs no word.
 */
export function matchesNote(
  r: Pick<ResultsResponse, 'total' | 'matches' | 'sort' | 'totalIsEstimate'>,
): string | undefined {
  if (r.matches >= r.total) return r.sort === 'date' ? 'newest first' : undefined;
  if (r.matches === 0) return 'none likely relevant';
  return `${r.matches} likely relevant${r.sort === 'date' ? ', newest first; the rest by relevance' : ''}`;
}
