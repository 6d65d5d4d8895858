/**
 * The plain read of an HTML page, by parse5 (the HTML standard's parser, linear in the page):
 * text of <article>, else <main>, else <body>; title from <title>, else the first <h1>; scripts,
 * styles and other non-content dropped; one paragraph per block element. What a page gets when
 * Readability finds nothing in it, or when it is too deep or too big to give Readability.
 */
import { parse } from 'parse5';

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

// The walks below use explicit stacks, not recursion: HTML nested tens of thousands of
// elements deep is legal input and must not overflow the call stack.

/** First element with this tag in document order. */
function find(node: Node, tag: string): Node | undefined {
  const stack: Node[] = [node];
  while (stack.length > 0) {
    const n = stack.pop() as Node;
    if (n.tagName === tag) return n;
    const children = n.childNodes ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Node);
  }
  return undefined;
}

/** Visit nodes in document order; `leave` runs after an element's children. */
function visit(root: Node, enter: (node: Node) => boolean, leave: (node: Node) => void): void {
  const stack: Array<{ node: Node; leaving: boolean }> = [{ node: root, leaving: false }];
  while (stack.length > 0) {
    const { node, leaving } = stack.pop() as { node: Node; leaving: boolean };
    if (leaving) {
      leave(node);
      continue;
    }
    if (!enter(node)) continue;
    stack.push({ node, leaving: true });
    const children = node.childNodes ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] as Node, leaving: false });
  }
}

function textOf(node: Node): string {
  let text = '';
  visit(
    node,
    (n) => {
      if (n.nodeName === '#text') text += n.value ?? '';
      return !(n.tagName && SKIP.has(n.tagName));
    },
    () => {},
  );
  return text;
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
  const isBlock = (n: Node) => n.tagName !== undefined && BLOCK.has(n.tagName);
  visit(
    root,
    (n) => {
      if (n.nodeName === '#text') {
        current += n.value ?? '';
        return false;
      }
      if (n.nodeName === '#comment') return false;
      if (n.tagName && SKIP.has(n.tagName)) return false;
      if (isBlock(n)) flush();
      return true;
    },
    (n) => {
      if (isBlock(n)) flush();
    },
  );
  flush();
  return blocks;
}

export interface PlainPage {
  title: string;
  paragraphs: string[];
}

/** The page's title and paragraphs by a plain walk of its parse5 tree. */
export function plainPage(html: string): PlainPage {
  const doc = parse(html) as unknown as Node;
  const root = find(doc, 'article') ?? find(doc, 'main') ?? find(doc, 'body') ?? doc;
  const titleNode = find(doc, 'title');
  const h1 = find(root, 'h1') ?? find(doc, 'h1');
  const title = ((titleNode && textOf(titleNode)) || (h1 && textOf(h1)) || '').replace(/\s+/g, ' ').trim();
  const blocks = collectBlocks(root);
  // The <h1> that repeats the title is a heading, not a paragraph.
  return { title, paragraphs: blocks[0] !== undefined && blocks[0] === title ? blocks.slice(1) : blocks };
}
