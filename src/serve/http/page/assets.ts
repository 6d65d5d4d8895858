/** The search page's stylesheet and its small progressive-enhancement script (served, never inlined). */

export const STYLE_CSS = `
:root { --bg: #ffffff; --fg: #1b1f24; --muted: #4f5964; --card: #f6f8fa; --border: #d0d7de; --accent: #0550ae; --mark: #fff3a3; --mark-fg: #1b1f24; --hl: #eef4fb; --hl-focus: #d6e6f8; --error-bg: #ffebe9; --error-fg: #a40e26; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #a4afbb; --card: #161b22; --border: #3d444d; --accent: #79c0ff; --mark: #6b5200; --mark-fg: #fff8dc; --hl: #1c2a3a; --hl-focus: #26415f; --error-bg: #3c1618; --error-fg: #ffa198; }
}
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: var(--bg); color: var(--fg); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, summary:focus-visible, mark:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; }
.skip:focus { left: 8px; top: 8px; background: var(--bg); padding: 4px 8px; z-index: 10; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.top { max-width: 52rem; margin: 0 auto; padding: 1rem; display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; }
.brand { margin: 0; font-weight: 700; font-size: 1.2rem; align-self: flex-start; padding-top: .45rem; }
.brand a { color: var(--fg); text-decoration: none; }
.updated { margin: 0; color: var(--muted); font-size: .9rem; }
search { display: block; flex: 1 1 20rem; }
#search-form { display: flex; flex-wrap: wrap; gap: .5rem; }
#q { flex: 1 1 14rem; font: inherit; padding: .55rem .75rem; border: 1px solid var(--border); border-radius: 8px; background: var(--card); color: var(--fg); }
button { font: inherit; padding: .55rem 1rem; border-radius: 8px; border: 1px solid var(--accent); background: var(--accent); color: var(--bg); cursor: pointer; }
.filters { flex-basis: 100%; color: var(--muted); }
.filter-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: .5rem; margin-top: .5rem; }
.filter-grid label { display: flex; flex-direction: column; font-size: .9rem; }
.filter-grid input { font: inherit; padding: .35rem .5rem; border: 1px solid var(--border); border-radius: 6px; background: var(--card); color: var(--fg); }
.filters select { font: inherit; padding: .35rem .5rem; border: 1px solid var(--border); border-radius: 6px; background: var(--card); color: var(--fg); }
.filter-grid .check { flex-direction: row; align-items: center; gap: .4rem; }
main { max-width: 72rem; margin: 0 auto; padding: 0 1rem 3rem; overflow-wrap: anywhere; }
.top { max-width: 72rem; }
#q { min-width: 0; }
.count { color: var(--muted); margin: .25rem 0 .75rem; }
.with-facets { display: grid; grid-template-columns: minmax(0, 1fr) 15rem; gap: 1.5rem; align-items: start; }
.cards { list-style: none; padding: 0; margin: 0; display: grid; gap: .6rem; min-width: 0; }
.card article { background: var(--card); border: 1px solid var(--border); border-radius: 10px; padding: .7rem 1rem; }
.card.weak article { border-style: dashed; }
.card h2 { font-size: 1.05rem; margin: 0 0 .1rem; line-height: 1.35; }
.meta { color: var(--muted); margin: 0 0 .35rem; font-size: .9rem; }
.untitled { color: var(--muted); font-weight: normal; font-size: .8em; }
.passage { margin: 0 0 .3rem; display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
mark { background: var(--mark); color: var(--mark-fg); border-radius: 3px; padding: 0 .1em; }
.passage mark { background: transparent; color: inherit; font-weight: 700; padding: 0; }
.score { color: var(--muted); font-size: .85rem; }
.score dl { display: grid; grid-template-columns: max-content auto; gap: .1rem .75rem; margin: .4rem 0 0; }
.score dd { margin: 0; }
.facets { position: sticky; top: 1rem; font-size: .92rem; }
.facet-sheet > summary { display: none; }
.facet-title { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: .8rem 0 .3rem; }
.facets ul { list-style: none; margin: 0; padding: 0; }
.facet { display: flex; justify-content: space-between; gap: .5rem; padding: .15rem .3rem; border-radius: 6px; text-decoration: none; }
.facet:hover { background: var(--card); }
.facet-count { color: var(--muted); }
.notice { background: var(--card); border-left: 4px solid var(--accent); padding: .5rem .8rem; border-radius: 4px; }
.statements { margin: 1rem 0 1.5rem; }
.statements-head { font-weight: 600; }
.statement-list { list-style: none; padding: 0; margin: 0; }
.statement { margin: 0 0 .9rem; }
.statement blockquote { margin: 0; padding-left: .8rem; border-left: 3px solid var(--accent); }
.error { background: var(--error-bg); color: var(--error-fg); border: 1px solid var(--error-fg); padding: .6rem .9rem; border-radius: 8px; }
.empty { color: var(--fg); }
.pager { display: flex; justify-content: space-between; margin-top: 1rem; }
.spinner { display: none; width: 1.3rem; height: 1.3rem; border: 3px solid var(--border); border-top-color: var(--accent); border-radius: 50%; align-self: center; }
.loading .spinner { display: inline-block; animation: spin .8s linear infinite; }
.results[aria-busy="true"] { opacity: .55; }
@keyframes spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .loading .spinner { animation: none; } }
.article-head { position: sticky; top: 0; z-index: 5; background: var(--bg); border-bottom: 1px solid var(--border); padding: .6rem 1rem; }
.article-head > * { max-width: 46rem; margin-left: auto; margin-right: auto; }
.article-head h1 { font-size: 1.25rem; line-height: 1.3; margin: .2rem auto; overflow-wrap: anywhere; }
.article-head .meta { margin-bottom: .2rem; }
.match-nav { display: flex; gap: 1rem; flex-wrap: wrap; font-size: .9rem; color: var(--muted); }
.full { max-width: 46rem; margin: 1rem auto; font-size: 1.05rem; line-height: 1.65; }
.full p { margin: 0 0 1em; }
.anchor { scroll-margin-top: 12rem; }
.match { scroll-margin-top: 12rem; background: var(--hl); border-radius: 3px; box-shadow: 0 0 0 2px var(--hl); }
.match.primary { box-shadow: 0 0 0 2px var(--hl), -6px 0 0 0 var(--accent); }
.match:focus { outline: none; background: var(--hl-focus); box-shadow: 0 0 0 2px var(--hl-focus), -6px 0 0 0 var(--accent); }
.full mark { background: var(--mark); color: var(--mark-fg); }
.original { font-size: .9rem; }
.derived { font-style: italic; }
.home { margin: .5rem 0 2rem; }
.home h1 { font-size: 1.5rem; margin: .25rem 0 .2rem; }
.home h2 { font-size: 1rem; margin: 0 0 .5rem; }
.home .minor, .home h3.minor { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); font-weight: 600; margin: .8rem 0 .3rem; }
.lede { color: var(--muted); margin: 0 0 1rem; }
.examples ul { list-style: none; padding: 0; margin: 0 0 1.25rem; display: flex; flex-wrap: wrap; gap: .4rem; }
.examples a { display: inline-block; padding: .3rem .7rem; border: 1px solid var(--border); border-radius: 999px; background: var(--card); text-decoration: none; }
.examples a:hover { border-color: var(--accent); }
.home-grid { display: grid; grid-template-columns: minmax(0, 1.3fr) minmax(0, 1fr); gap: 1.5rem 2rem; align-items: start; }
.home-block { margin-bottom: 1.5rem; }
.plain-list { list-style: none; padding: 0; margin: 0; display: grid; gap: .35rem; }
.plain-list .meta { display: block; margin: 0; }
.source-location { overflow-wrap: anywhere; }
.timeline { list-style: none; padding: 0; margin: 0; display: flex; align-items: flex-end; gap: 2px; height: 4.5rem; border-bottom: 1px solid var(--border); }
.timeline li { flex: 1 1 0; min-width: 3px; height: 100%; }
.tick { display: flex; align-items: flex-end; height: 100%; border-radius: 2px 2px 0 0; }
.tick:hover .bar, .tick:focus-visible .bar, .tick.current .bar { background: var(--fg); }
.bar { display: block; width: 100%; background: var(--accent); border-radius: 2px 2px 0 0; min-height: 0; }
.bar.h0 { height: 0; } .bar.h1 { height: 10%; } .bar.h2 { height: 20%; } .bar.h3 { height: 30%; } .bar.h4 { height: 40%; } .bar.h5 { height: 50%; }
.bar.h6 { height: 60%; } .bar.h7 { height: 70%; } .bar.h8 { height: 80%; } .bar.h9 { height: 90%; } .bar.h10 { height: 100%; }
.timeline-ends { display: flex; justify-content: space-between; margin-top: .2rem; }
.window-end { color: var(--muted); font-size: .9rem; text-align: right; max-width: 32rem; }
.not-found { text-align: center; padding-top: 3rem; }
@media (max-width: 60rem) {
  .with-facets { grid-template-columns: minmax(0, 1fr); }
  .facets { position: static; order: -1; }
  .home-grid { grid-template-columns: minmax(0, 1fr); }
  .facet-sheet > summary { display: list-item; cursor: pointer; color: var(--accent); }
  .facet-sheet[open] { position: fixed; left: 0; right: 0; bottom: 0; max-height: 60vh; overflow: auto; background: var(--bg); border-top: 1px solid var(--border); box-shadow: 0 -6px 20px rgba(0,0,0,.25); padding: .8rem 1rem 1.5rem; z-index: 20; }
}
@media (max-width: 30rem) {
  body { font-size: 15px; }
  .top { padding: .75rem; }
  .passage { -webkit-line-clamp: 6; }
  .article-head h1 { font-size: 1.05rem; }
  .article-head .match-count { display: none; }
}
`;

export const APP_JS = `
(() => {
  const form = document.getElementById('search-form');
  const input = document.getElementById('q');
  const results = () => document.getElementById('results');
  const links = () => Array.from(document.querySelectorAll('.hit-link'));
  // Matched passages in the article view: previous/next move between them.
  const matches = Array.from(document.querySelectorAll('.match-start'));
  let current = Math.max(0, matches.findIndex((m) => m.id === 'hit'));
  const show = (i) => {
    if (matches.length === 0) return;
    current = (i + matches.length) % matches.length;
    matches[current].scrollIntoView({ block: 'center' });
    matches[current].focus({ preventScroll: true });
  };
  for (const [cls, step] of [['match-prev', -1], ['match-next', 1]]) {
    const a = document.querySelector('.' + cls);
    if (a) a.addEventListener('click', (e) => { e.preventDefault(); show(current + step); });
  }
  if (matches.length > 0 && location.hash === '#hit') show(current);
  document.addEventListener('keydown', (e) => {
    const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement;
    if (e.key === '/' && !typing && input) { e.preventDefault(); input.focus(); input.select(); return; }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const all = links();
    if (all.length === 0) return;
    const i = all.indexOf(document.activeElement);
    const next = e.key === 'ArrowDown' ? (i < 0 ? 0 : Math.min(all.length - 1, i + 1)) : Math.max(0, i - 1);
    if (e.key === 'ArrowUp' && i <= 0 && input) { if (i === 0) { e.preventDefault(); input.focus(); } return; }
    e.preventDefault();
    all[next].focus();
  });
  const sheet = document.querySelector('.facet-sheet');
  if (sheet && window.matchMedia('(max-width: 60rem)').matches) sheet.open = false;
  if (!form || !input) return;
  let timer;
  let seq = 0;
  const paramsOf = () => {
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (String(v).trim() !== '') params.set(k, String(v));
    if (params.get('sort') === 'relevance') params.delete('sort');
    if (params.get('k') === '10') params.delete('k');
    return params;
  };
  const load = async (params, push) => {
    const mine = ++seq;
    const box = results();
    const url = params.toString() ? '/?' + params.toString() : '/';
    if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
    document.body.classList.add('loading');
    if (box) box.setAttribute('aria-busy', 'true');
    let html;
    try {
      params.set('fragment', '1');
      const res = await fetch('/?' + params.toString(), { headers: { accept: 'text/html' } });
      if (!res.ok) throw new Error('the server answered ' + res.status);
      html = await res.text();
    } catch (err) {
      // Never leave the previous question's results under a new one.
      html = '<div id="results" class="results"><p id="count" class="count" role="status" aria-live="polite"></p>' +
        '<p class="error" role="alert">The search failed: the server could not be reached (' +
        String(err && err.message || err).replace(/[<>&]/g, '') + '). Check that semsearch serve is running, then try again.</p></div>';
    }
    if (mine !== seq) return;
    document.body.classList.remove('loading');
    const now = results();
    if (now) now.outerHTML = html;
    const s = document.querySelector('.facet-sheet');
    if (s && window.matchMedia('(max-width: 60rem)').matches) s.open = false;
  };
  // One history entry per question: live typing adds an entry once, then updates it, so
  // Back returns to the question before, with its filters.
  let drafting = false;
  const run = (submitted) => {
    const params = paramsOf();
    if (!String(params.get('q') || '').trim()) return;
    load(params, !drafting);
    drafting = !submitted;
  };
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => run(false), 250); });
  form.addEventListener('submit', (e) => { e.preventDefault(); clearTimeout(timer); run(true); });
  window.addEventListener('popstate', () => {
    drafting = false;
    const params = new URLSearchParams(location.search);
    input.value = params.get('q') || '';
    // Back to the first screen: it is the server's page, not a fragment.
    if (input.value.trim()) load(params, false); else location.reload();
  });
})();
`;

/** A small magnifier icon, so browsers do not ask for a missing /favicon.ico. */
export const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="13" cy="13" r="9" fill="none" stroke="#0550ae" stroke-width="4"/><path d="M20 20l9 9" stroke="#0550ae" stroke-width="4" stroke-linecap="round"/></svg>';
