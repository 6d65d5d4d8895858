/**
 * How deep and how big the tree linkedom would build from a page is, measured by a linear scan
 * without building it. linkedom's parser (htmlparser2) and Readability on it both grow much
 * faster than linearly with the nesting (1,000 nested divs: 20 s; 200,000: never done), and
 * with elements times depth; a page past HTML_LIMITS is read by the parse5 walk instead.
 *
 * The scan follows htmlparser2's rules (its tokenizer states, void elements, the open tags that
 * close others, self-closing tags only inside SVG and MathML), so a page cannot look shallow
 * here and be deep there: where the two could differ, the scan counts deeper. It stops as soon
 * as a limit is passed, so each step costs at most HTML_DEPTH_MAX.
 */

/** Elements nested deeper than this are not given to linkedom and Readability. */
export const HTML_DEPTH_MAX = 200;
/** Nor are pages with more elements than this (about 2 MB of article markup; 5 s of Readability). */
export const HTML_ELEMENTS_MAX = 50_000;
/** Nor pages whose elements' depths add up to more than this (50,000 elements 20 deep). */
export const HTML_WORK_MAX = 1_000_000;

export interface HtmlShape {
  /** The deepest nesting of elements. */
  depth: number;
  elements: number;
  /** The depths of all elements, added up: what linkedom and Readability spend time on. */
  work: number;
}

export const HTML_LIMITS: Readonly<HtmlShape> = {
  depth: HTML_DEPTH_MAX,
  elements: HTML_ELEMENTS_MAX,
  work: HTML_WORK_MAX,
};

const VOID = new Set(
  'area base basefont br col command embed frame hr img input isindex keygen link meta param source track wbr'.split(
    ' ',
  ),
);
/** Elements whose content is text up to their end tag. */
const RAW_TEXT: Record<string, RegExp> = Object.fromEntries(
  ['script', 'style', 'title', 'textarea', 'xmp'].map((name) => [
    name,
    new RegExp(`</${name}[\\t\\n\\f\\r >]`, 'gi'),
  ]),
);
const FOREIGN = new Set(['math', 'svg']);
const INTEGRATION = new Set([
  'mi',
  'mo',
  'mn',
  'ms',
  'mtext',
  'annotation-xml',
  'foreignobject',
  'desc',
  'title',
]);
const FORM = ['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea'];
const P = ['p'];
/** Open tags that close the open element on top while it is one of these (htmlparser2's table). */
const IMPLIES_CLOSE = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', new Set(['dd', 'dt'])],
  ['dt', new Set(['dd', 'dt'])],
  ['rt', new Set(['rt', 'rp'])],
  ['rp', new Set(['rt', 'rp'])],
  ['tbody', new Set(['thead', 'tbody'])],
  ['tfoot', new Set(['thead', 'tbody'])],
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((t) => [t, new Set(FORM)] as const),
  ...(
    'p h1 h2 h3 h4 h5 h6 address article aside blockquote details div dl fieldset figcaption figure ' +
    'footer form header hr main nav ol pre section table ul'
  )
    .split(' ')
    .map((t) => [t, new Set(P)] as const),
]);

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
const isAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** Where a start tag's name ends: whitespace, `/` or `>`. */
const endsStartName = (c: number) => c === 47 || c === 62 || isSpace(c);

/**
 * The end of the start tag whose attributes begin at `from`: the index of its `>` (-1 when the
 * page ends first) and whether it closed with `/>`. Quotes count only where a value starts.
 */
function tagEnd(html: string, from: number): { end: number; selfClosing: boolean } {
  let i = from;
  const n = html.length;
  let slash = false;
  while (i < n) {
    const c = html.charCodeAt(i);
    if (c === 62) return { end: i, selfClosing: slash };
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === 47) {
      slash = true; // `/` then only whitespace up to `>`: self-closing
      i++;
      continue;
    }
    slash = false;
    // An attribute name: its first character whatever it is (`=` and quotes too), then up to
    // `=`, whitespace, `/` or `>`.
    i++;
    while (i < n && html.charCodeAt(i) !== 61 && !endsStartName(html.charCodeAt(i))) i++;
    while (i < n && isSpace(html.charCodeAt(i))) i++;
    if (html.charCodeAt(i) !== 61) continue; // no value
    i++;
    while (i < n && isSpace(html.charCodeAt(i))) i++;
    const q = html.charCodeAt(i);
    if (q === 34 || q === 39) {
      const close = html.indexOf(q === 34 ? '"' : "'", i + 1);
      if (close < 0) return { end: -1, selfClosing: false };
      i = close + 1;
    } else {
      while (i < n && html.charCodeAt(i) !== 62 && !isSpace(html.charCodeAt(i))) i++;
    }
  }
  return { end: -1, selfClosing: false };
}

/** The index `by` past a found position, or -1 when it was not found. */
const after = (at: number, by: number) => (at < 0 ? -1 : at + by);

/** Measure a page, stopping as soon as one measure passes its limit (it is then limit + 1 or more). */
export function measureHtml(html: string, limits: Readonly<HtmlShape> = HTML_LIMITS): HtmlShape {
  const shape: HtmlShape = { depth: 0, elements: 0, work: 0 };
  const stack: string[] = [];
  const foreign: boolean[] = [false];
  const over = () =>
    shape.depth > limits.depth || shape.elements > limits.elements || shape.work > limits.work;
  /** An element at this depth, open or at once closed. */
  const element = (depth: number) => {
    shape.elements++;
    shape.work += depth;
    if (depth > shape.depth) shape.depth = depth;
  };
  const open = (name: string, selfClosing: boolean) => {
    const closes = IMPLIES_CLOSE.get(name);
    while (closes && stack.length > 0 && closes.has(stack[stack.length - 1] as string)) stack.pop();
    element(stack.length + 1);
    if (VOID.has(name)) return;
    stack.push(name);
    if (FOREIGN.has(name)) foreign.push(true);
    else if (INTEGRATION.has(name)) foreign.push(false);
    if (selfClosing && foreign[foreign.length - 1] === true) stack.pop();
  };
  const close = (name: string) => {
    if (FOREIGN.has(name) || INTEGRATION.has(name)) foreign.pop();
    if (VOID.has(name)) {
      if (name === 'br') element(stack.length + 1);
      return;
    }
    const at = stack.lastIndexOf(name);
    if (at >= 0) stack.length = at;
    else if (name === 'p') element(stack.length + 1); // a stray </p> is an empty <p>
  };

  const n = html.length;
  let i = 0;
  while (i < n && !over()) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    const c = html.charCodeAt(lt + 1);
    let end: number;
    if (c === 33 /* ! */) {
      // A comment may end in the `--` that opened it (`<!-->`).
      if (html.startsWith('<!--', lt)) end = after(html.indexOf('-->', lt + 2), 2);
      else if (html.startsWith('<![CDATA[', lt)) end = after(html.indexOf(']]>', lt + 9), 2);
      else end = html.indexOf('>', lt + 2);
    } else if (c === 63 /* ? */) {
      end = html.indexOf('>', lt + 2);
    } else if (c === 47 /* / */) {
      let j = lt + 2;
      while (j < n && isSpace(html.charCodeAt(j))) j++;
      if (isAlpha(html.charCodeAt(j))) {
        const start = j;
        while (j < n && html.charCodeAt(j) !== 62 && !isSpace(html.charCodeAt(j))) j++;
        close(html.slice(start, j).toLowerCase());
      }
      end = html.indexOf('>', j);
    } else if (isAlpha(c)) {
      let j = lt + 2;
      while (j < n && !endsStartName(html.charCodeAt(j))) j++;
      const name = html.slice(lt + 1, j).toLowerCase();
      const tag = tagEnd(html, j);
      end = tag.end;
      open(name, tag.selfClosing); // open from its name on, as htmlparser2 has it
      if (end < 0) break;
      const raw = RAW_TEXT[name];
      if (raw && !tag.selfClosing) {
        // Text up to the end tag, which the next turn reads.
        raw.lastIndex = end + 1;
        const found = raw.exec(html);
        if (!found) break;
        i = found.index;
        continue;
      }
    } else {
      i = lt + 1;
      continue;
    }
    if (end < 0) break;
    i = end + 1;
  }
  return shape;
}

/** The nesting depth of a page, counted up to `cap + 1`. */
export function htmlDepth(html: string, cap: number): number {
  return measureHtml(html, { depth: cap, elements: Number.POSITIVE_INFINITY, work: Number.POSITIVE_INFINITY })
    .depth;
}

/** Whether linkedom and Readability may read this page in bounded time. */
export function withinHtmlLimits(html: string): boolean {
  const shape = measureHtml(html);
  return (
    shape.depth <= HTML_LIMITS.depth &&
    shape.elements <= HTML_LIMITS.elements &&
    shape.work <= HTML_LIMITS.work
  );
}
