/** Server-rendered views of the search page (hono/jsx escapes every text node). */
import type { FC } from 'hono/jsx';
import {
  type FacetCount,
  type FacetName,
  matchesNote,
  type ResultCard,
  type ResultsResponse,
  type Snippet,
  speakerHeadline,
  splitEmphasis,
  statementByline,
  statementWords,
} from '../../../results/index.js';
import { activeFilters, type SearchForm, urlOf } from './form.js';
import { Home } from './home.js';
import type { HomeData } from './home-data.js';
import { Pager } from './pager.js';

export const Layout: FC<{ title: string; children?: unknown }> = ({ title, children }) => (
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

const SnippetText: FC<{ snippet: Snippet }> = ({ snippet }) => (
  <>{splitEmphasis(snippet.text, snippet.emphasis).map((p) => (p.em ? <mark>{p.text}</mark> : p.text))}</>
);

const Explain: FC<{ card: ResultCard }> = ({ card }) =>
  card.explain ? (
    <details class="score">
      <summary>
        Why this result: relevance{' '}
        <data value={card.explain.relevance.toFixed(4)}>{card.explain.relevance.toFixed(2)}</data>
      </summary>
      <dl>
        {card.explain.passages.map((p) => (
          <>
            <dt>
              passage {p.passageId} [{p.start}–{p.end}]
            </dt>
            <dd>
              score {p.score.toFixed(3)} · relevance {p.relevance.toFixed(3)} · cosine{' '}
              {p.dense === null ? '–' : p.dense.toFixed(3)} · dense #{p.denseRank ?? '–'} · lexical #
              {p.lexicalRank ?? '–'} · coverage {p.coverage.toFixed(2)}
            </dd>
          </>
        ))}
      </dl>
    </details>
  ) : null;

/** "also: 2 copies: Reuters, AP", each linking to that copy. */
const Copies: FC<{ card: ResultCard }> = ({ card }) => {
  const copies = card.copies ?? [];
  if (copies.length === 0) return null;
  return (
    <p class="meta copies">
      also: {copies.length} {copies.length === 1 ? 'copy' : 'copies'}:{' '}
      {copies.map((c, i) => (
        <>
          {i > 0 ? ', ' : ''}
          <a href={`/articles/${encodeURIComponent(c.id)}`}>{c.source ?? c.id}</a>
        </>
      ))}
    </p>
  );
};

/** After a title derived from the article's first words (it has none of its own). */
export const Untitled: FC<{ derived: boolean | undefined }> = ({ derived }) =>
  derived ? <span class="untitled"> (untitled)</span> : null;

const Card: FC<{ card: ResultCard; q: string }> = ({ card, q }) => {
  const href = `/articles/${encodeURIComponent(card.articleId)}?passage=${card.link.passageId}${q ? `&q=${encodeURIComponent(q)}` : ''}#hit`;
  return (
    <li class={card.weak ? 'card weak' : 'card'}>
      <article aria-labelledby={`t${card.rank}`}>
        <h2 id={`t${card.rank}`}>
          <a href={href} class="hit-link">
            {card.title || card.articleId}
          </a>
          <Untitled derived={card.titleDerived} />
        </h2>
        {card.meta ? <p class="meta">{card.meta}</p> : null}
        {card.url ? (
          <p class="meta">
            <a href={card.url} rel="noopener noreferrer" class="original">
              original article at {new URL(card.url).hostname}
            </a>
          </p>
        ) : null}
        {card.snippets.map((s) => (
          <p class="passage" data-passage={String(s.passageId)}>
            <SnippetText snippet={s} />
          </p>
        ))}
        <Copies card={card} />
        <Explain card={card} />
      </article>
    </li>
  );
};

const FACET_LABELS: Record<FacetName, string> = {
  source: 'Source',
  year: 'Year',
  place: 'Place',
  collection: 'Collection',
};

function facetHref(form: SearchForm, name: FacetName, value: string): string {
  const next: SearchForm = { ...form, offset: 0 };
  if (name === 'source') next.source = value;
  if (name === 'place') next.place = value;
  if (name === 'collection') next.collection = value;
  if (name === 'year') {
    next.dateFrom = `${value}-01-01`;
    next.dateTo = `${value}-12-31`;
  }
  return urlOf(next);
}

export const Facets: FC<{ form: SearchForm; facets: Partial<Record<FacetName, FacetCount[]>> }> = ({
  form,
  facets,
}) => {
  const groups = (Object.keys(FACET_LABELS) as FacetName[]).filter((n) => (facets[n]?.length ?? 0) > 0);
  if (groups.length === 0) return null;
  return (
    <aside class="facets" aria-label="Refine results">
      <details class="facet-sheet" open>
        <summary>Refine</summary>
        {groups.map((name) => (
          <section>
            <h2 class="facet-title">{FACET_LABELS[name]}</h2>
            <ul>
              {(facets[name] ?? []).slice(0, 8).map((f) => (
                <li>
                  <a href={facetHref(form, name, f.value)} class="facet">
                    <span class="facet-value">{f.value}</span> <span class="facet-count">{f.count}</span>
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </details>
    </aside>
  );
};

/** A speaker's words, above the articles, for a question about what someone said. */
const Statements: FC<{ response: ResultsResponse }> = ({ response }) => {
  const headline = speakerHeadline(response);
  if (!headline) return null;
  return (
    <section class="statements" aria-label="What was said">
      <p class={response.match === 'good' ? 'statements-head' : 'notice'}>{headline}</p>
      <ol class="statement-list">
        {(response.statements ?? []).map((st) => (
          <li class="statement">
            <blockquote>{statementWords(st)}</blockquote>
            <p class="meta">
              — {statementByline(st)} ·{' '}
              <a href={`/articles/${encodeURIComponent(st.articleId)}`}>{st.title || st.articleId}</a>
              {st.alsoIn.map((a) => (
                <>
                  {' · '}
                  <a href={`/articles/${encodeURIComponent(a.articleId)}`}>also {a.source ?? a.articleId}</a>
                </>
              ))}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
};

function countLine(response: ResultsResponse): string {
  const n = response.cards.length;
  if (n === 0) return '';
  const total = `${response.total}${response.totalIsEstimate ? '+' : ''}`;
  const note = matchesNote(response);
  return `${response.offset + 1}–${response.offset + n} of ${total} article${response.total === 1 ? '' : 's'} for “${response.query}”${note ? ` · ${note}` : ''}`;
}

export const Results: FC<{
  form: SearchForm;
  response: ResultsResponse | undefined;
  error: string | undefined;
  /** The first screen, shown when there is no question. */
  home?: HomeData | undefined;
}> = ({ form, response, error, home }) => {
  const filters = activeFilters(form);
  return (
    <div id="results" class="results">
      {form.q ? <h1 class="visually-hidden">Results for “{form.q}”</h1> : null}
      {!form.q && home ? <Home data={home} form={form} /> : null}
      <p id="count" class="count" role="status" aria-live="polite">
        {error
          ? ''
          : response
            ? countLine(response)
            : form.q || home
              ? ''
              : 'Type a question to search the articles.'}
        {response && (form.all || response.cards.some((c) => (c.copies ?? []).length > 0)) ? (
          <>
            {' · '}
            <a class="copies-toggle" href={urlOf({ ...form, all: !form.all, offset: 0 })}>
              {form.all ? 'one card per story' : 'show every copy'}
            </a>
          </>
        ) : null}
      </p>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {response ? <Statements response={response} /> : null}
      {response && response.cards.length > 0 && response.match !== 'good' && !response.speaker ? (
        <p class="notice">
          {response.match === 'none'
            ? 'No good match; these are the closest articles.'
            : 'These may not answer your question.'}
        </p>
      ) : null}
      {response && response.cards.length > 0 ? (
        <div class="with-facets">
          <ol class="cards">
            {response.cards.map((card) => (
              <Card card={card} q={form.q} />
            ))}
          </ol>
          {response.facets ? <Facets form={form} facets={response.facets} /> : null}
        </div>
      ) : null}
      {response && response.cards.length === 0 ? (
        <div class="empty">
          <p>
            No articles match “{form.q}”{filters.length > 0 ? ` with ${filters.join(', ')}` : ''}.
          </p>
          {filters.length > 0 ? (
            <p>
              <a
                href={urlOf({
                  ...form,
                  source: '',
                  dateFrom: '',
                  dateTo: '',
                  place: '',
                  collection: '',
                  offset: 0,
                })}
                class="clear-filters"
              >
                Clear filters
              </a>
            </p>
          ) : (
            <p>Try other words.</p>
          )}
        </div>
      ) : null}
      {response ? <Pager form={form} response={response} /> : null}
    </div>
  );
};
