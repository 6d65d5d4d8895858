/**
 * The search page on the same Hono server: `/` (form GET, shareable URLs, works without
 * JavaScript), `/articles/:id` (the article with the matching passage highlighted), and the two
 * static assets. Strict CSP: scripts and styles only from this origin, nothing inline.
 */
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { every } from 'hono/combine';
import { isSearchError } from '../../../errors.js';
import type { SearchEngine, SearchFilters } from '../../../index.js';
import { FACET_NAMES, type ResultsRequest, type ResultsResponse } from '../../../results/index.js';
import { formatAgo, readSourceStatus } from '../../../subscriptions/index.js';
import type { Env, HttpDeps } from '../context.js';
import { guard } from '../guards.js';
import { ArticlePage, type MarkedSpan } from './article-view.js';
import { APP_JS, ICON_SVG, STYLE_CSS } from './assets.js';
import { Results } from './components.js';
import { readForm, urlOf } from './form.js';
import { homeData } from './home-data.js';
import { NotFoundPage, SearchPage } from './search-page.js';

export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const securityHeaders: MiddlewareHandler<Env> = async (c, next) => {
  await next();
  c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
};

/** Age of the newest change any watched folder or followed feed made, if there are any. */
function lastUpdate(engine: SearchEngine): string | undefined {
  const changes = readSourceStatus(engine.config.indexDir).flatMap((s) =>
    s.lastChange ? [s.lastChange] : [],
  );
  return changes.length > 0 ? formatAgo(changes.sort().at(-1)) : undefined;
}

/**
 * The page's routes. Beyond loopback they need the key like the API; browsers are asked for it
 * with HTTP Basic (any user name, the key as password), which they then resend on their own.
 */
export function pageRoutes(deps: HttpDeps): Hono<Env> {
  const { engine } = deps;
  const app = new Hono<Env>();
  const read = every(guard(deps, 'read', { browser: true }), securityHeaders);
  const archive = homeData(engine);

  app.get('/static/style.css', read, (c) =>
    c.body(STYLE_CSS, 200, {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': 'public, max-age=300',
    }),
  );
  app.get('/static/app.js', read, (c) =>
    c.body(APP_JS, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
    }),
  );

  app.get('/static/icon.svg', read, (c) =>
    c.body(ICON_SVG, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' }),
  );
  app.get('/favicon.ico', read, (c) => c.redirect('/static/icon.svg', 301));

  app.get('/', read, deps.admission.middleware, async (c) => {
    const query = c.req.query();
    const form = readForm(query);
    // Shared URLs and Back carry only what is set: a plain form GET sends every field.
    const clean = urlOf(form);
    if (query.fragment !== '1' && Object.values(query).some((v) => v === '') && clean !== c.req.url) {
      return c.redirect(clean, 302);
    }
    let response: ResultsResponse | undefined;
    let error: string | undefined;
    if (form.q.trim()) {
      const request: ResultsRequest = {
        query: form.q,
        limit: form.k,
        offset: form.offset,
        sort: form.sort,
        explain: form.explain,
        facets: FACET_NAMES,
        ...(form.all ? { collapse: false } : {}),
      };
      // Only the fields the form sets (an empty field is no filter).
      const filters: SearchFilters = {};
      if (form.source) filters.source = form.source;
      if (form.dateFrom) filters.dateFrom = form.dateFrom;
      if (form.dateTo) filters.dateTo = form.dateTo;
      if (form.collection) filters.metadata = { collection: form.collection };
      if (form.place) request.place = form.place;
      if (Object.keys(filters).length > 0) request.filters = filters;
      try {
        response = await engine.results(request);
      } catch (err) {
        if (!isSearchError(err)) throw err;
        error = err.message;
      }
    }
    // Counted once per index generation (home-data.ts): a load reads the generation, not the index.
    // Without it (a backend that cannot count now) the page still searches.
    const home = await archive(
      form.dateFrom || form.dateTo ? { dateFrom: form.dateFrom, dateTo: form.dateTo } : {},
    ).catch(() => undefined);
    if (query.fragment === '1')
      return c.html(<Results form={form} response={response} error={error} home={home} />);
    return c.html(
      `<!doctype html>${(
        <SearchPage form={form} response={response} error={error} updated={lastUpdate(engine)} home={home} />
      ).toString()}`,
    );
  });

  // The article page's ?q= runs a search (for its highlights): admitted like any other search.
  const admitQuery: MiddlewareHandler<Env> = (c, next) =>
    c.req.query('q')?.trim() ? deps.admission.middleware(c, next) : next();
  app.get('/articles/:id', read, admitQuery, async (c) => {
    const article = await engine.getArticle(c.req.param('id'));
    if (!article) return notFound(c, 'No article with this id; it may have been removed since the search.');
    const q = c.req.query('q') ?? '';
    const passageId = Number(c.req.query('passage'));
    const passage = Number.isInteger(passageId) ? await engine.getPassage(passageId) : undefined;
    const spans: MarkedSpan[] = [];
    if (passage && passage.articleId === article.id)
      spans.push({ start: passage.start, end: passage.end, primary: true });
    if (q.trim()) {
      // Every passage of this article that matched the question, not only the linked one.
      const found = await engine
        .search({
          query: q.slice(0, 1000),
          k: 20,
          passagesPerArticle: 20,
          filters: { articleIds: [article.id] },
        })
        .catch(() => undefined);
      for (const h of found?.hits ?? [])
        if (!spans.some((s) => s.start < h.end && h.start < s.end))
          spans.push({ start: h.start, end: h.end, primary: false });
    }
    spans.sort((a, b) => a.start - b.start);
    const back = q ? urlOf({ ...readForm({}), q }) : '/';
    return c.html(
      `<!doctype html>${(<ArticlePage article={article} spans={spans} q={q} back={back} />).toString()}`,
    );
  });
  return app;
}

/** The styled 404 for a browser (one that asks for HTML outside the API). */
export function wantsPage(c: Context<Env>): boolean {
  const path = new URL(c.req.url).pathname;
  return (c.req.header('accept') ?? '').includes('text/html') && !path.startsWith('/v1/') && path !== '/mcp';
}

export function notFound(c: Context<Env>, what = 'There is no page at this address.') {
  c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  return c.html(`<!doctype html>${(<NotFoundPage what={what} />).toString()}`, 404);
}
