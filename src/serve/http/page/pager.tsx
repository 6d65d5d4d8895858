/** Previous and Next between pages of results, within the window one search can page through. */
import type { FC } from 'hono/jsx';
import { RESULTS_WINDOW, type ResultsResponse } from '../../../results/index.js';
import { type SearchForm, urlOf } from './form.js';

/**
 * Previous and Next. Next stops at the window (RESULTS_WINDOW articles: one wide search ranks
 * that many with confidence); on its last page the pager says so and how to see others, rather
 * than linking to a page the form would cut back to this one.
 */
export const Pager: FC<{ form: SearchForm; response: ResultsResponse }> = ({ form, response }) => {
  const prev =
    response.offset > 0 ? urlOf({ ...form, offset: Math.max(0, response.offset - form.k) }) : undefined;
  const end = response.offset + response.cards.length;
  const more = end < response.total;
  const next = more && end < RESULTS_WINDOW ? urlOf({ ...form, offset: end }) : undefined;
  if (!prev && !more) return null;
  return (
    <nav class="pager" aria-label="Pages">
      {prev ? (
        <a href={prev} rel="prev" class="page-prev">
          ← Previous
        </a>
      ) : (
        <span />
      )}
      {next ? (
        <a href={next} rel="next" class="page-next">
          Next →
        </a>
      ) : more ? (
        <span class="window-end">
          These are the best {RESULTS_WINDOW} articles for this question; narrow it or add a filter to see
          others.
        </span>
      ) : null}
    </nav>
  );
};
