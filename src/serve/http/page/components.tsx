/** Server-rendered views of the search page (hono/jsx escapes every text node). */
import type { FC } from 'hono/jsx';
import type { Hit, SearchResponse, StoredArticle } from '../../../index.js';
import { formatDate } from '../../api/format.js';

/** Text with `<mark>` around the given spans (offsets relative to `base`). */
const Marked: FC<{ text: string; base: number; spans: Array<{ start: number; end: number }> }> = ({
  text,
  base,
  spans,
}) => {
  const parts: Array<string | ReturnType<FC>> = [];
  let cursor = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const from = Math.max(cursor, s.start - base);
    const to = Math.min(text.length, s.end - base);
    if (to <= from) continue;
    parts.push(text.slice(cursor, from));
    parts.push(<mark>{text.slice(from, to)}</mark>);
    cursor = to;
  }
  parts.push(text.slice(cursor));
  return <>{parts}</>;
};

export interface SearchForm {
  q: string;
  k: number;
  source: string;
  dateFrom: string;
  dateTo: string;
}

const Layout: FC<{ title: string; children?: unknown }> = ({ title, children }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="color-scheme" content="light dark" />
      <title>{title}</title>
      <link rel="icon" href="/static/icon.svg" type="image/svg+xml" />
      <link rel="stylesheet" href="/static/style.css" />
      <script src="/static/app.js" defer></script>
    </head>
    <body>
      <a class="skip" href="#main">
        Skip to results
      </a>
      {children}
    </body>
  </html>
);

const Card: FC<{ hit: Hit; q: string }> = ({ hit, q }) => {
  const where = [hit.place, formatDate(hit.date), hit.source].filter(Boolean).join(' · ');
  const href = `/articles/${encodeURIComponent(hit.articleId)}?passage=${hit.passageId}&q=${encodeURIComponent(q)}#hit`;
  return (
    <li class="card">
      <article aria-labelledby={`t${hit.rank}`}>
        <h2 id={`t${hit.rank}`}>
          <a href={href} class="hit-link">
            {hit.title || hit.articleId}
          </a>
        </h2>
        {where ? <p class="meta">{where}</p> : null}
        <p class="passage">
          <Marked text={hit.text} base={hit.start} spans={hit.highlights} />
        </p>
        <details class="score">
          <summary>
            score <data value={hit.score.toFixed(4)}>{hit.score.toFixed(3)}</data>
          </summary>
          <dl>
            <dt>dense (cosine)</dt>
            <dd>{hit.scores.dense === null ? '–' : hit.scores.dense.toFixed(3)}</dd>
            <dt>dense rank</dt>
            <dd>{hit.scores.denseRank ?? '–'}</dd>
            <dt>lexical rank</dt>
            <dd>{hit.scores.lexicalRank ?? '–'}</dd>
          </dl>
        </details>
      </article>
    </li>
  );
};

export const Results: FC<{ response: SearchResponse | undefined; error: string | undefined; q: string }> = ({
  response,
  error,
  q,
}) => {
  const count = response
    ? `${response.hits.length} passage${response.hits.length === 1 ? '' : 's'} for “${q}”`
    : q
      ? ''
      : 'Type a question to search the articles.';
  return (
    <div id="results">
      <p id="count" class="count" role="status" aria-live="polite">
        {error ?? count}
      </p>
      {response && response.hits.length > 0 ? (
        <ol class="cards">
          {response.hits.map((hit) => (
            <Card hit={hit} q={q} />
          ))}
        </ol>
      ) : null}
      {response && response.hits.length === 0 ? (
        <p class="empty">No passages matched. Try other words or fewer filters.</p>
      ) : null}
    </div>
  );
};

export const SearchPage: FC<{
  form: SearchForm;
  response: SearchResponse | undefined;
  error: string | undefined;
  /** "4 minutes ago": when a watched folder or followed feed last changed the index. */
  updated?: string | undefined;
}> = ({ form, response, error, updated }) => (
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
          <details class="filters" open={Boolean(form.source || form.dateFrom || form.dateTo)}>
            <summary>Filters</summary>
            <div class="filter-grid">
              <label>
                Source <input name="source" value={form.source} placeholder="e.g. TASS" />
              </label>
              <label>
                From <input name="dateFrom" value={form.dateFrom} placeholder="YYYY-MM-DD or --MM-DD" />
              </label>
              <label>
                To <input name="dateTo" value={form.dateTo} placeholder="YYYY-MM-DD or --MM-DD" />
              </label>
              <label>
                Results <input name="k" type="number" min={1} max={50} value={String(form.k)} />
              </label>
            </div>
          </details>
        </form>
      </search>
    </header>
    <main id="main">
      <Results response={response} error={error} q={form.q} />
    </main>
  </Layout>
);

export const ArticlePage: FC<{
  article: StoredArticle;
  passage: { start: number; end: number } | undefined;
  q: string;
}> = ({ article, passage, q }) => {
  const where = [article.place, formatDate(article.date), article.source].filter(Boolean).join(' · ');
  const before = passage ? article.text.slice(0, passage.start) : article.text;
  const hit = passage ? article.text.slice(passage.start, passage.end) : '';
  const after = passage ? article.text.slice(passage.end) : '';
  return (
    <Layout title={`${article.title || article.id} · semsearch`}>
      <header class="top">
        <p class="brand">
          <a href="/">semsearch</a>
        </p>
        <nav aria-label="Back">
          <a href={q ? `/?q=${encodeURIComponent(q)}` : '/'}>← Back to results</a>
        </nav>
      </header>
      <main id="main">
        <article class="full">
          <h1>{article.title || article.id}</h1>
          {where ? <p class="meta">{where}</p> : null}
          <div class="article-text">
            {before}
            {passage ? (
              <mark id="hit" tabindex={-1}>
                {hit}
              </mark>
            ) : null}
            {after}
          </div>
        </article>
      </main>
    </Layout>
  );
};
