/**
 * HTML articles: the readability extractor (readability.ts) first, which drops navigation,
 * banners, related links and comments; when it finds nothing readable, a plain parse5 walk:
 * text of <article>, else <main>, else <body>;
 * title from <title>, else the first <h1>; scripts, styles and other non-content dropped.
 * The article text is the extracted text, one paragraph per block element.
 */
import { parse } from 'parse5';
import type { Article, Paragraph } from './article.js';
import { articleFromPage, extractPage } from './readability.js';

type Node = {
  nodeName: string;
  tagName?: string;
  value?: string;
  childNodes?: Node[];
  content?: Node;
};

const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'head',
  'iframe',
  'object',
  'canvas',
  'nav',
]);
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tr',
  'ul',
  'br',
]);

function find(node: Node, tag: string): Node | undefined {
  if (node.tagName === tag) return node;
  for (const child of node.childNodes ?? []) {
    const hit = find(child, tag);
    if (hit) return hit;
  }
  return undefined;
}

function textOf(node: Node): string {
  if (node.nodeName === '#text') return node.value ?? '';
  if (node.tagName && SKIP.has(node.tagName)) return '';
  return (node.childNodes ?? []).map(textOf).join('');
}

/** Collect block texts: each block element closes the current paragraph. */
function collectBlocks(root: Node): string[] {
  const blocks: string[] = [];
  let current = '';
  const flush = () => {
    const t = current.replace(/\s+/g, ' ').trim();
    if (t) blocks.push(t);
    current = '';
  };
  const walk = (node: Node) => {
    if (node.nodeName === '#text') {
      current += node.value ?? '';
      return;
    }
    if (node.nodeName === '#comment') return;
    if (node.tagName && SKIP.has(node.tagName)) return;
    const block = node.tagName !== undefined && BLOCK.has(node.tagName);
    if (block) flush();
    for (const child of node.childNodes ?? []) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return blocks;
}

export function parseHtmlArticle(id: string, html: string): Article {
  const page = extractPage(html);
  return page ? articleFromPage(id, page) : parseHtmlPlain(id, html);
}

function parseHtmlPlain(id: string, html: string): Article {
  const doc = parse(html) as unknown as Node;
  const root = find(doc, 'article') ?? find(doc, 'main') ?? find(doc, 'body') ?? doc;
  const titleNode = find(doc, 'title');
  const h1 = find(root, 'h1') ?? find(doc, 'h1');
  const title = ((titleNode && textOf(titleNode)) || (h1 && textOf(h1)) || '').replace(/\s+/g, ' ').trim();
  let blocks = collectBlocks(root);
  // The <h1> that repeats the title is a heading, not a paragraph.
  if (blocks[0] !== undefined && blocks[0] === title) blocks = blocks.slice(1);
  const paragraphs: Paragraph[] = [];
  let text = '';
  for (const block of blocks) {
    if (text) text += '\n\n';
    paragraphs.push({ index: paragraphs.length, start: text.length, end: text.length + block.length });
    text += block;
  }
  return { id, title, text, paragraphs, metadata: {} };
}
