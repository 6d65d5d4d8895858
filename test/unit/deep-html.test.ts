/**
 * HTML nested deep (legal input: `'<div>'.repeat(200_000)`, 1.2 MB) gives its text, in seconds.
 * linkedom's parse and Readability both grow much faster than linearly with the depth (1,000
 * nested divs took 28 s, 200,000 never finished), so a page nested past HTML_DEPTH_MAX is
 * measured by a linear scan before any DOM is built and read by the parse5 walk instead.
 */
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { isSearchError } from '../../src/errors.js';
import { extractPage, HTML_DEPTH_MAX, htmlDepth, parseFile } from '../../src/parse/index.js';

/** Far above any test's need: a hang fails here instead of at the 30-minute hang guard. */
const SECONDS = 60_000;
const DEPTH = 200_000;
const deep = (tag: string, depth: number) =>
  `<title>T</title>${`<${tag}>`.repeat(depth)}Deep text.${`</${tag}>`.repeat(depth)}`;

function parseDeep(name: string, html: string) {
  try {
    return parseFile(name, new TextEncoder().encode(html), 'deep').articles;
  } catch (error) {
    // A SearchError is an answer too (the loader reports it as a skip); nothing else is.
    if (isSearchError(error)) return [];
    throw error;
  }
}

describe(`HTML nested ${DEPTH.toLocaleString('en')} deep`, () => {
  for (const tag of ['div', 'p', 'b', 'article', 'span', 'table', 'li']) {
    it(
      `<${tag}>: the text is kept, without a hang`,
      () => {
        const articles = parseDeep(`deep-${tag}.html`, deep(tag, DEPTH));
        expect(articles.length).toBe(1);
        for (const a of articles) {
          expect(a.paragraphs.length).toBeGreaterThan(0);
          expect(a.paragraphs.filter((p) => a.text.slice(p.start, p.end).trim() === '')).toEqual([]);
          expect(a.text).toContain('Deep text.');
        }
      },
      SECONDS,
    );
  }

  it(
    'a feed page nested that deep gives its text too (the follower reads pages by extractPage)',
    () => {
      const page = extractPage(`<html><body><article>${deep('div', DEPTH)}</article></body></html>`);
      expect(page?.paragraphs.join(' ')).toContain('Deep text.');
    },
    SECONDS,
  );

  it(
    "the probe's small page, 1,000 divs (11 KB), in well under a second of Readability",
    () => {
      const started = Date.now();
      const articles = parseDeep(
        'small.html',
        `<html><body>${'<div>'.repeat(1000)}x${'</div>'.repeat(1000)}`,
      );
      expect(articles[0]?.text).toBe('x');
      expect(Date.now() - started).toBeLessThan(SECONDS / 4);
    },
    SECONDS,
  );
});

/** The deepest element of the tree linkedom builds (the outermost element is 1 deep). */
function linkedomDepth(html: string): number {
  type N = { nodeType: number; childNodes: ArrayLike<N> };
  let max = 0;
  const walk = (node: N, depth: number) => {
    if (node.nodeType === 1) max = Math.max(max, depth);
    for (const child of Array.from(node.childNodes)) walk(child, node.nodeType === 1 ? depth + 1 : 1);
  };
  walk(parseHTML(html).document as unknown as N, 1);
  return max;
}

/** Pieces of markup where a scan could go wrong: implied ends, quotes, raw text, SVG, comments. */
const markup = fc.array(
  fc.constantFrom(
    ...['<div>', '</div>', '<DIV>', '<div/>', '<div / >', '</div/>', '< div>', '</ div>', '<p>', '</p>'],
    ...['<li>', '<ul>', '</ul>', '<b>', '</b>', '<br>', '</br>', '<table>', '<tr>', '<td>', '</table>'],
    ...[
      '<svg>',
      '<Svg>',
      '</svg>',
      '<path/>',
      '<math>',
      '<mi>',
      '</mi>',
      '<foreignObject>',
      '</foreignObject>',
    ],
    ...[
      '<!-- x -->',
      '<!-->',
      '<![CDATA[',
      ']]>',
      '<!x>',
      '<?x>',
      '<script>',
      '</script>',
      '<style>',
      '</style >',
    ],
    ...[
      '<title>',
      '</title>',
      '<textarea>',
      '</textarea>',
      '<xmp>',
      '</xmp>',
      '<select>',
      '<option>',
      '<input>',
    ],
    ...['<a href="x>y">', '<a href=x>', "<i a'b>", '<i =">', '<h1>', '<dd>', '<dt>', '<body>', '<head>'],
    ...['"', "'", '>', '<', '=', '/', 'text', ' '],
  ),
  { maxLength: 120 },
);

describe('htmlDepth: the nesting linkedom would build, measured without building it', () => {
  it('never counts shallower than linkedom builds', () => {
    fc.assert(
      fc.property(markup, (parts) => {
        const html = parts.join('');
        expect(htmlDepth(html, 1_000_000), html).toBeGreaterThanOrEqual(linkedomDepth(html));
      }),
      { numRuns: 500 },
    );
  });

  const depthOf = (html: string) => htmlDepth(html, 1_000_000);
  it('counts nested elements, not void ones or ones closed on the way', () => {
    expect(depthOf('<div><div><br><img src=x><div>x</div></div></div>')).toBe(3);
    expect(depthOf('<p>a<p>b<p>c')).toBe(1); // a <p> closes the open <p>
    expect(depthOf('<ul><li>a<li>b<li>c</ul>')).toBe(2);
    expect(depthOf('<table><tr><td>a<td>b<tr><td>c</table>')).toBe(3);
  });
  it('skips comments, scripts, styles and the > inside quoted attribute values', () => {
    expect(depthOf('<!-- <div><div><div> --><div>x</div>')).toBe(1);
    expect(depthOf('<script>if (a<b && c<d) {}</script><div>x</div>')).toBe(1);
    expect(depthOf('<style>a<b{}</style><div title="a>b"><i>x</i></div>')).toBe(2);
  });
  it('sees through what only looks like a quote: a quote in an attribute name hides nothing', () => {
    expect(depthOf(`<div a"b>${'<div>'.repeat(500)}`)).toBe(501);
    expect(depthOf(`<div a='b ${'<div>'.repeat(500)}`)).toBe(1); // inside the value to the end
  });
  it('closes self-closing tags inside SVG only, as linkedom does', () => {
    expect(depthOf(`<svg>${'<path d="M0"/>'.repeat(500)}</svg>`)).toBe(2);
    expect(depthOf(`<div>${'<div/>'.repeat(500)}`)).toBe(501);
  });
  it('stops counting past the cap it is given', () => {
    expect(htmlDepth('<div>'.repeat(DEPTH), HTML_DEPTH_MAX)).toBe(HTML_DEPTH_MAX + 1);
  });
});
