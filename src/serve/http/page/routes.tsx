/**
 * The search page on the same Hono server: `/` (form GET, shareable URLs, works without
 * JavaScript), `/articles/:id` (the article with the matching passage highlighted), and the two
 * static assets. Strict CSP: scripts and styles only from this origin, nothing inline.
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { isSearchError } from '../../../errors.js';
import type { SearchEngine, SearchFilters, SearchResponse } from '../../../index.js';
import { APP_JS, ICON_SVG, STYLE_CSS } from './assets.js';
import { ArticlePage, Results, type SearchForm, SearchPage } from './components.js';

export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** Most results the page shows. */
const PAGE_K_MAX = 50;

const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
};

function readForm(query: Record<string, string>): SearchForm {
  const k = Number(query.k ?? '10');
  return {
    q: (query.q ?? '').slice(0, 1000),
    k: Number.isInteger(k) ? Math.min(PAGE_K_MAX, Math.max(1, k)) : 10,
    source: query.source ?? '',
    dateFrom: query.dateFrom ?? '',
    dateTo: query.dateTo ?? '',
  };
}

// biome-ignore lint/suspicious/noExplicitAny: the page mounts on any Hono app whatever its env
export function registerSearchPage(app: Hono<any>, engine: SearchEngine): void {
  app.use('/', securityHeaders);
  app.use('/articles/*', securityHeaders);
  app.use('/static/*', securityHeaders);

  app.get('/static/style.css', (c) =>
    c.body(STYLE_CSS, 200, {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': 'public, max-age=300',
    }),
  );
  app.get('/static/app.js', (c) =>
    c.body(APP_JS, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
    }),
  );

  app.get('/static/icon.svg', (c) =>
    c.body(ICON_SVG, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' }),
  );
  app.get('/favicon.ico', (c) => c.redirect('/static/icon.svg', 301));

  app.get('/', async (c) => {
    const form = readForm(c.req.query());
    let response: SearchResponse | undefined;
    let error: string | undefined;
    if (form.q.trim()) {
      const filters: SearchFilters = {
        ...(form.source ? { source: form.source } : {}),
        ...(form.dateFrom ? { dateFrom: form.dateFrom } : {}),
        ...(form.dateTo ? { dateTo: form.dateTo } : {}),
      };
      try {
        response = await engine.search({
          query: form.q,
          k: form.k,
          ...(Object.keys(filters).length ? { filters } : {}),
        });
      } catch (err) {
        if (!isSearchError(err)) throw err;
        error = err.message;
      }
    }
    if (c.req.query('fragment') === '1')
      return c.html(<Results response={response} error={error} q={form.q} />);
    return c.html(
      `<!doctype html>${(<SearchPage form={form} response={response} error={error} />).toString()}`,
    );
  });

  app.get('/articles/:id', async (c) => {
    const article = await engine.getArticle(c.req.param('id'));
    if (!article)
      return c.html(
        '<!doctype html><title>Not found</title><p>No such article. <a href="/">Search</a></p>',
        404,
      );
    const passageId = Number(c.req.query('passage'));
    const passage = Number.isInteger(passageId) ? await engine.getPassage(passageId) : undefined;
    const span =
      passage && passage.articleId === article.id ? { start: passage.start, end: passage.end } : undefined;
    return c.html(
      `<!doctype html>${(<ArticlePage article={article} passage={span} q={c.req.query('q') ?? ''} />).toString()}`,
    );
  });
}
