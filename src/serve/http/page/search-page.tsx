/** The search page: the form (works without JavaScript), the results, and the 404 page. */
import type { FC } from 'hono/jsx';
import type { ResultsResponse } from '../../../results/index.js';
import { Layout, Results } from './components.js';
import type { SearchForm } from './form.js';
import type { HomeData } from './home-data.js';

/** The collection filter: a choice of the index's collections (and the one asked for, if it is none of them). */
export const CollectionField: FC<{ form: SearchForm; names: readonly string[] }> = ({ form, names }) => {
  const all = form.collection && !names.includes(form.collection) ? [...names, form.collection] : names;
  if (all.length === 0) return null;
  return (
    <label>
      Collection
      <select name="collection">
        <option value="" selected={!form.collection}>
          All collections
        </option>
        {all.map((name) => (
          <option value={name} selected={form.collection === name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
};

export const SearchPage: FC<{
  form: SearchForm;
  response: ResultsResponse | undefined;
  error: string | undefined;
  /** "4 minutes ago": when a watched folder or followed feed last changed the index. */
  updated?: string | undefined;
  /** The archive: the first screen without a question, and the collections for the filter. */
  home?: HomeData | undefined;
}> = ({ form, response, error, updated, home }) => (
  <Layout title={form.q ? `${form.q} · semsearch` : 'semsearch'}>
    <header class="top">
      <p class="brand">
        <a href="/">semsearch</a>
      </p>
      {updated ? <p class="updated">updated {updated}</p> : null}
      <search>
        <form method="get" action="/" id="search-form">
          <label for="q" class="visually-hidden">
            Question
          </label>
          <input
            id="q"
            name="q"
            type="search"
            value={form.q}
            placeholder="Ask the articles… (press / to focus)"
            maxlength={1000}
            autocomplete="off"
          />
          <button type="submit">Search</button>
          <span class="spinner" aria-hidden="true"></span>
          <details
            class="filters"
            open={Boolean(form.source || form.dateFrom || form.dateTo || form.place || form.collection)}
          >
            <summary>Filters and order</summary>
            <div class="filter-grid">
              <CollectionField form={form} names={(home?.collections ?? []).map((c) => c.name)} />
              <label>
                Source <input name="source" value={form.source} placeholder="e.g. TASS" />
              </label>
              <label>
                Place <input name="place" value={form.place} placeholder="e.g. TOKYO" />
              </label>
              <label>
                From <input name="dateFrom" value={form.dateFrom} placeholder="YYYY-MM-DD or --MM-DD" />
              </label>
              <label>
                To <input name="dateTo" value={form.dateTo} placeholder="YYYY-MM-DD or --MM-DD" />
              </label>
              <label>
                Order
                <select name="sort">
                  <option value="relevance" selected={form.sort === 'relevance'}>
                    Best match
                  </option>
                  <option value="date" selected={form.sort === 'date'}>
                    Newest
                  </option>
                </select>
              </label>
              <label>
                Per page <input name="k" type="number" min={1} max={50} value={String(form.k)} />
              </label>
              <label class="check">
                <input type="checkbox" name="explain" value="1" checked={form.explain} /> Show scores
              </label>
            </div>
          </details>
        </form>
      </search>
    </header>
    <main id="main">
      <Results form={form} response={response} error={error} home={home} />
    </main>
  </Layout>
);

export const NotFoundPage: FC<{ what: string }> = ({ what }) => (
  <Layout title="Not found · semsearch">
    <header class="top">
      <p class="brand">
        <a href="/">semsearch</a>
      </p>
    </header>
    <main id="main" class="not-found">
      <h1>Not found</h1>
      <p>{what}</p>
      <p>
        <a href="/">Search the articles</a>
      </p>
    </main>
  </Layout>
);
