/** The search page's stylesheet and its small progressive-enhancement script (served, never inlined). */

export const STYLE_CSS = `
:root { --bg: #ffffff; --fg: #1b1f24; --muted: #4f5964; --card: #f6f8fa; --border: #d0d7de; --accent: #0550ae; --mark: #fff3a3; --mark-fg: #1b1f24; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #a4afbb; --card: #161b22; --border: #3d444d; --accent: #79c0ff; --mark: #6b5200; --mark-fg: #fff8dc; }
}
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: var(--bg); color: var(--fg); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, summary:focus-visible, mark:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; }
.skip:focus { left: 8px; top: 8px; background: var(--bg); padding: 4px 8px; z-index: 10; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.top { max-width: 52rem; margin: 0 auto; padding: 1rem; display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; }
.brand { margin: 0; font-weight: 700; font-size: 1.2rem; }
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
main { max-width: 52rem; margin: 0 auto; padding: 0 1rem 3rem; }
.count { color: var(--muted); }
.cards { list-style: none; padding: 0; margin: 0; display: grid; gap: .9rem; }
.card article { background: var(--card); border: 1px solid var(--border); border-radius: 10px; padding: .9rem 1.1rem; }
.card h2 { font-size: 1.08rem; margin: 0 0 .2rem; }
.meta { color: var(--muted); margin: 0 0 .5rem; font-size: .92rem; }
.passage { margin: 0 0 .5rem; }
mark { background: var(--mark); color: var(--mark-fg); border-radius: 3px; padding: 0 .1em; }
.score { color: var(--muted); font-size: .9rem; }
.score dl { display: grid; grid-template-columns: max-content auto; gap: .1rem .75rem; margin: .4rem 0 0; }
.score dd { margin: 0; }
.full h1 { font-size: 1.5rem; line-height: 1.3; }
.article-text { white-space: pre-wrap; }
.empty { color: var(--muted); }
@media (max-width: 30rem) { body { font-size: 15px; } .top { padding: .75rem; } }
`;

export const APP_JS = `
(() => {
  const form = document.getElementById('search-form');
  const input = document.getElementById('q');
  const results = () => document.getElementById('results');
  const links = () => Array.from(document.querySelectorAll('.hit-link'));
  document.addEventListener('keydown', (e) => {
    const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
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
  if (!form || !input) return;
  let timer;
  let seq = 0;
  const run = async () => {
    const params = new URLSearchParams(new FormData(form));
    if (!String(params.get('q') || '').trim()) return;
    const mine = ++seq;
    history.replaceState(null, '', '/?' + params.toString());
    params.set('fragment', '1');
    const res = await fetch('/?' + params.toString(), { headers: { accept: 'text/html' } });
    if (mine !== seq) return;
    const html = await res.text();
    const box = results();
    if (box) box.outerHTML = html;
  };
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, 250); });
  form.addEventListener('submit', (e) => { e.preventDefault(); clearTimeout(timer); run(); });
})();
`;

/** A small magnifier icon, so browsers do not ask for a missing /favicon.ico. */
export const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="13" cy="13" r="9" fill="none" stroke="#0550ae" stroke-width="4"/><path d="M20 20l9 9" stroke="#0550ae" stroke-width="4" stroke-linecap="round"/></svg>';
