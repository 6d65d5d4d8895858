/**
 * Main text of a news page: Mozilla's Readability (the engine of Firefox Reader View) on a
 * linkedom document drops navigation, cookie banners, related links and comments. linkedom
 * rather than jsdom: it is a small pure-JS DOM that Readability runs on, parses a news page in
 * a few milliseconds, and brings none of jsdom's browser emulation (CSS, resource loading).
 * Title comes from og:title or the <h1> without the site suffix; the date from
 * article:published_time or a <time datetime>; byline and site name as metadata.
 * A page nested too deep or too big for them in bounded time (html-shape.ts) is read by the
 * plain parse5 walk instead: its text is kept, without Readability's cleaning.
 */
import { lazyRequire } from '../lazy-require.js';
import type { Article, Paragraph } from './article.js';
import { plainPage } from './html-plain.js';
import { withinHtmlLimits } from './html-shape.js';

// Loaded on the first page, not by every process that imports the library (linkedom ~0.1 s).
const readability = lazyRequire<typeof import('@mozilla/readability')>(
  '@mozilla/readability',
  import.meta.url,
);
const linkedom = lazyRequire<typeof import('linkedom')>('linkedom', import.meta.url);
type ReadabilityDocument = ConstructorParameters<typeof import('@mozilla/readability').Readability>[0];

export interface ExtractedPage {
  title: string;
  paragraphs: string[];
  /** ISO timestamp or date as the page gives it. */
  published?: string | undefined;
  byline?: string | undefined;
  siteName?: string | undefined;
  lang?: string | undefined;
}

type El = {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<El>;
  getAttribute?: (name: string) => string | null;
};

const BLOCK = new Set(
  'ADDRESS ARTICLE ASIDE BLOCKQUOTE DD DIV DL DT FIGCAPTION FIGURE FOOTER H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN OL P PRE SECTION TABLE TR UL BR'.split(
    ' ',
  ),
);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'NAV', 'BUTTON', 'FORM']);
const SEPARATORS = [' | ', ' - ', ' – ', ' — ', ' :: ', ' · '];

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** One paragraph per block element, whitespace collapsed. */
function blocksOf(root: El): string[] {
  const blocks: string[] = [];
  let current = '';
  const flush = () => {
    const t = clean(current);
    if (t) blocks.push(t);
    current = '';
  };
  const walk = (node: El) => {
    if (node.nodeType === 3) {
      current += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 11 && node.nodeType !== 9) return;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) return;
    const block = BLOCK.has(name);
    if (block) flush();
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return blocks;
}

/** "Storm closes port | Daily Planet" → "Storm closes port", when the tail is the site's name or short. */
export function stripSiteSuffix(title: string, siteName?: string): string {
  for (const sep of SEPARATORS) {
    const at = title.lastIndexOf(sep);
    if (at <= 0) continue;
    const head = title.slice(0, at).trim();
    const tail = title.slice(at + sep.length).trim();
    const isSite = siteName !== undefined && tail.toLowerCase() === siteName.toLowerCase();
    if (isSite || (tail.split(/\s+/).length <= 3 && head.split(/\s+/).length >= 3)) return head;
  }
  return title;
}

/** Extract the article of an HTML page; undefined when the page has no readable text. */
export function extractPage(html: string): ExtractedPage | undefined {
  if (!withinHtmlLimits(html)) {
    const page = plainPage(html);
    return page.paragraphs.length > 0 ? page : undefined;
  }
  const { document } = linkedom().parseHTML(html);
  const meta = (key: string): string | undefined => {
    const el =
      document.querySelector(`meta[property="${key}"]`) ?? document.querySelector(`meta[name="${key}"]`);
    return clean(el?.getAttribute('content')) || undefined;
  };
  const siteName = meta('og:site_name') ?? meta('application-name');
  const h1 = clean(document.querySelector('h1')?.textContent) || undefined;
  const published =
    meta('article:published_time') ??
    (clean(document.querySelector('time[datetime]')?.getAttribute('datetime')) || undefined) ??
    meta('date') ??
    meta('dc.date');
  const author = meta('author') ?? meta('article:author');
  const lang = clean(document.documentElement?.getAttribute('lang')) || undefined;
  const docTitle = clean(document.querySelector('title')?.textContent) || undefined;
  // Readability changes the document; everything above is read before it runs. Text that is
  // not HTML at all can leave linkedom without a document element: then there is no page.
  if (!document.documentElement) return undefined;
  const reader = () =>
    new (readability().Readability)(document as unknown as ReadabilityDocument, {
      serializer: (node: unknown) => node as El,
    }).parse();
  let result: ReturnType<typeof reader>;
  try {
    result = reader();
  } catch {
    return undefined; // the caller falls back to the plain HTML walk
  }
  let paragraphs = result?.content ? blocksOf(result.content as El) : [];
  const rawTitle = meta('og:title') ?? h1 ?? clean(result?.title) ?? docTitle ?? '';
  const title = stripSiteSuffix(rawTitle, siteName);
  // The heading that repeats the title is not a paragraph.
  if (paragraphs[0] !== undefined && (paragraphs[0] === title || paragraphs[0] === rawTitle))
    paragraphs = paragraphs.slice(1);
  const byline = clean(result?.byline) || author;
  // A short "By X · date" line is metadata, kept as such, not the story's first paragraph.
  if (byline && paragraphs[0] !== undefined && paragraphs[0].length < 120 && paragraphs[0].includes(byline))
    paragraphs = paragraphs.slice(1);
  if (paragraphs.length === 0) return undefined;
  return {
    title,
    paragraphs,
    published: published ?? (clean(result?.publishedTime) || undefined),
    byline,
    siteName: siteName ?? (clean(result?.siteName) || undefined),
    lang,
  };
}

/** "2026-11-20T08:00:00Z" → "2026-11-20"; anything unparsable → undefined. */
export function isoDay(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const plain = /^(\d{4}-\d{2}-\d{2})/.exec(value);
  if (plain) return plain[1];
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().slice(0, 10);
}

/** The Article of a page: paragraphs joined by blank lines, offsets into the joined text. */
export function articleFromPage(
  id: string,
  page: ExtractedPage,
  metadata: Record<string, unknown> = {},
): Article {
  const paragraphs: Paragraph[] = [];
  let text = '';
  for (const block of page.paragraphs) {
    if (text) text += '\n\n';
    paragraphs.push({ index: paragraphs.length, start: text.length, end: text.length + block.length });
    text += block;
  }
  const extra: Record<string, unknown> = { ...metadata };
  if (page.byline) extra.byline = page.byline;
  if (page.published) extra.published = page.published;
  if (page.siteName) extra.siteName = page.siteName;
  return {
    id,
    title: page.title,
    text,
    paragraphs,
    date: isoDay(page.published),
    source: page.siteName,
    metadata: extra,
  };
}
