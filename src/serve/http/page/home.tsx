/**
 * The first screen, before a question: what the archive holds (collections with counts and
 * their last change, the date range and a timeline that narrows the date filter), the newest
 * articles, the people quoted most in them and example questions drawn from them.
 */
import type { FC } from 'hono/jsx';
import { metaLine } from '../../../results/index.js';
import { formatAgo } from '../../../subscriptions/index.js';
import type { SearchForm } from './form.js';
import { urlOf } from './form.js';
import type { HomeData } from './home-data.js';

const n = (x: number) => x.toLocaleString('en-GB');
const plural = (x: number, one: string, many = `${one}s`) => `${n(x)} ${x === 1 ? one : many}`;

/** Height steps of a timeline bar (CSS classes h0…h10: the policy allows no inline style). */
export function barStep(articles: number, most: number): number {
  if (articles <= 0 || most <= 0) return 0;
  return Math.max(1, Math.round((articles / most) * 10));
}

const Timeline: FC<{ data: HomeData; form: SearchForm }> = ({ data, form }) => {
  const bars = data.timeline;
  if (bars.length === 0) return null;
  const most = Math.max(...bars.map((b) => b.articles));
  const first = bars[0]?.period ?? '';
  const last = bars.at(-1)?.period ?? '';
  return (
    <section class="home-block" aria-labelledby="home-timeline">
      <h2 id="home-timeline">Over time</h2>
      <ol class="timeline" aria-label={`Articles per ${first.length === 4 ? 'year' : 'month'}`}>
        {bars.map((b) => {
          const current = form.dateFrom === b.period && form.dateTo === b.period;
          return (
            <li>
              <a
                href={urlOf({ ...form, dateFrom: b.period, dateTo: b.period, offset: 0 })}
                class={current ? 'tick current' : 'tick'}
                aria-current={current ? 'true' : undefined}
                title={`${b.period}: ${plural(b.articles, 'article')}`}
              >
                <span class={`bar h${barStep(b.articles, most)}`} aria-hidden="true"></span>
                <span class="visually-hidden">
                  {b.period}: {plural(b.articles, 'article')}
                </span>
              </a>
            </li>
          );
        })}
      </ol>
      <p class="timeline-ends meta" aria-hidden="true">
        <span>{first}</span>
        <span>{last}</span>
      </p>
    </section>
  );
};

const Collections: FC<{ data: HomeData; form: SearchForm }> = ({ data, form }) =>
  data.collections.length === 0 && data.live.length === 0 ? null : (
    <section class="home-block" aria-labelledby="home-collections">
      <h2 id="home-collections">Collections</h2>
      <ul class="plain-list">
        {data.collections.map((c) => (
          <li>
            <a href={urlOf({ ...form, collection: c.name, offset: 0 })}>{c.name}</a>{' '}
            <span class="meta">
              {plural(c.articles, 'article')} · updated {formatAgo(c.updatedAt)}
            </span>
          </li>
        ))}
      </ul>
      {data.live.length > 0 ? (
        <>
          <h3 class="minor">Watched and followed</h3>
          <ul class="plain-list">
            {data.live.map((s) => (
              <li>
                <span class="source-location">{s.location}</span>{' '}
                <span class="meta">
                  {s.kind === 'feed' ? 'feed' : 'folder'} → {s.collection || 'no collection'} · last change{' '}
                  {formatAgo(s.lastChange)} · checked {formatAgo(s.lastCheck)}
                  {s.errors > 0 ? ` · ${plural(s.errors, 'error')}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );

const Newest: FC<{ data: HomeData; form: SearchForm }> = ({ data, form }) => {
  const range = form.dateFrom || form.dateTo;
  return (
    <section class="home-block" aria-labelledby="home-newest">
      <h2 id="home-newest">
        {range ? `Newest from ${form.dateFrom || '…'} to ${form.dateTo || '…'}` : 'Newest articles'}
      </h2>
      {data.newest.length === 0 ? (
        <p>No dated article in this range.</p>
      ) : (
        <ul class="plain-list">
          {data.newest.map((a) => (
            <li>
              <a href={`/articles/${encodeURIComponent(a.id)}`}>
                {a.title ? (
                  a.title
                ) : a.derived ? (
                  <span class="derived" title="untitled: a title from its first words">
                    {a.derived}
                  </span>
                ) : (
                  a.id
                )}
              </a>
              <span class="meta">
                {' '}
                {metaLine({ place: null, date: a.date, source: a.source, collection: a.collection }) ||
                  `added ${formatAgo(a.updatedAt)}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
};

const Quoted: FC<{ data: HomeData; form: SearchForm }> = ({ data, form }) =>
  data.quoted.length === 0 ? null : (
    <section class="home-block" aria-labelledby="home-quoted">
      <h2 id="home-quoted">Most quoted</h2>
      <p class="meta">Across all {plural(data.articles, 'article')}.</p>
      <ul class="plain-list">
        {data.quoted.map((p) => (
          <li>
            <a href={urlOf({ ...form, q: p.speaker, offset: 0 })}>{p.speaker}</a>{' '}
            <span class="meta">
              {plural(p.statements, 'statement')} in {plural(p.articles, 'article')}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );

/** "2,225 articles, dated 2004-01-02 to 2005-12-30 (12 undated)", or what is known of it. */
export function archiveLine(data: HomeData): string {
  const dated =
    data.dateFrom && data.dateTo
      ? `dated ${data.dateFrom} to ${data.dateTo}${data.undated > 0 ? ` (${n(data.undated)} without a full date)` : ''}`
      : 'none with a full date';
  return `${plural(data.articles, 'article')}, ${dated}.`;
}

export const Home: FC<{ data: HomeData; form: SearchForm }> = ({ data, form }) => {
  if (data.articles === 0)
    return (
      <section class="home">
        <h1>Search the articles</h1>
        <p>
          The index is empty. Add articles with <code>semsearch ingest FOLDER</code>, then reload this page.
        </p>
      </section>
    );
  return (
    <section class="home" aria-labelledby="home-title">
      <h1 id="home-title">Search {plural(data.articles, 'article')}</h1>
      <p class="lede">{archiveLine(data)}</p>
      {data.examples.length > 0 ? (
        <div class="examples">
          <h2 class="minor" id="home-examples">
            Try asking
          </h2>
          <ul aria-labelledby="home-examples">
            {data.examples.map((q) => (
              <li>
                <a href={urlOf({ ...form, q, offset: 0 })}>{q}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div class="home-grid">
        <Newest data={data} form={form} />
        <div>
          <Collections data={data} form={form} />
          <Timeline data={data} form={form} />
          <Quoted data={data} form={form} />
        </div>
      </div>
    </section>
  );
};
