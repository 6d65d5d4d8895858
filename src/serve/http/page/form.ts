/** The search page's form state: read from the URL, written back without empty parameters. */
import { RESULTS_WINDOW } from '../../../results/index.js';

export interface SearchForm {
  q: string;
  k: number;
  offset: number;
  source: string;
  dateFrom: string;
  dateTo: string;
  place: string;
  collection: string;
  sort: 'relevance' | 'date';
  explain: boolean;
  /** Every copy of a story as its own card (`all=1`), instead of one card per story. */
  all: boolean;
}

/** Most results one page shows. */
export const PAGE_K_MAX = 50;
export const PAGE_K_DEFAULT = 10;

const int = (s: string | undefined, fallback: number) => {
  const n = Number(s ?? '');
  return s !== undefined && s !== '' && Number.isInteger(n) ? n : fallback;
};

export function readForm(query: Record<string, string>): SearchForm {
  const k = Math.min(PAGE_K_MAX, Math.max(1, int(query.k, PAGE_K_DEFAULT)));
  return {
    q: (query.q ?? '').slice(0, 1000),
    k,
    offset: Math.min(RESULTS_WINDOW - k, Math.max(0, int(query.offset, 0))),
    source: query.source ?? '',
    dateFrom: query.dateFrom ?? '',
    dateTo: query.dateTo ?? '',
    place: query.place ?? '',
    collection: query.collection ?? '',
    sort: query.sort === 'date' ? 'date' : 'relevance',
    explain: query.explain === '1',
    all: query.all === '1',
  };
}

/** The page URL of a form, leaving out empty and default values. */
export function urlOf(form: SearchForm): string {
  const p = new URLSearchParams();
  if (form.q) p.set('q', form.q);
  for (const key of ['source', 'dateFrom', 'dateTo', 'place', 'collection'] as const)
    if (form[key]) p.set(key, form[key]);
  if (form.sort !== 'relevance') p.set('sort', form.sort);
  if (form.k !== PAGE_K_DEFAULT) p.set('k', String(form.k));
  if (form.offset > 0) p.set('offset', String(form.offset));
  if (form.explain) p.set('explain', '1');
  if (form.all) p.set('all', '1');
  const s = p.toString();
  return s ? `/?${s}` : '/';
}

/** The filters in force, as words ("source TASS", "from 2018-01-01"). */
export function activeFilters(form: SearchForm): string[] {
  return [
    form.source ? `source ${form.source}` : '',
    form.dateFrom ? `from ${form.dateFrom}` : '',
    form.dateTo ? `to ${form.dateTo}` : '',
    form.place ? `place ${form.place}` : '',
    form.collection ? `collection ${form.collection}` : '',
  ].filter(Boolean);
}
