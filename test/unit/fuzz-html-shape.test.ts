/**
 * Hostile HTML by shape: pages drawn with varied depth (on both sides of HTML_DEPTH_MAX), width
 * (siblings at every level) and text size, parsed as an ingest parses a file. The time a page
 * takes stays within a bound proportional to its size: a fixed allowance plus so much per KB.
 *
 * The bound is far above what an idle machine needs, so that a loaded one (2 shared cores, a CI
 * run beside) does not trip it: the slowest shapes found take about 30 ms per KB here (150
 * levels of 20 divs, each with a short paragraph: Readability's scoring walks every
 * paragraph's ancestors), most take under 1 ms per KB. Without the shape limits a 16 KB page
 * 1,500 deep took over a minute, and 1,000 deep 28 s for 11 KB: 2,500 ms per KB.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSearchError } from '../../src/errors.js';
import { HTML_DEPTH_MAX, parseFile } from '../../src/parse/index.js';
import { assertWithinBudget, type FuzzBudget } from '../fuzz-budget.js';

/** A fixed allowance (warm-up, a GC pause) plus this per KB of page. */
const ALLOWANCE_MS = 3000;
const MS_PER_KB = 250;
/** Pages up to this size: the worst shapes take seconds, and the property runs several. */
const PAGE_KB_MAX = 160;
/** Six cases always (worst case ~4 s each on an idle machine), then more, up to 40, for 20 s. */
const BUDGET: FuzzBudget = { runs: 40, minRuns: 6, seconds: 20 };

const TAGS = ['div', 'p', 'b', 'section', 'span', 'li', 'td', 'article'] as const;

interface Shape {
  depth: number;
  width: number;
  words: number;
  tag: (typeof TAGS)[number];
  /** Leave every element open (implied ends), as sloppy pages do. */
  unclosed: boolean;
}

/** `depth` levels, each holding `width - 1` siblings with a paragraph of `words` words, then the next level. */
function page({ depth, width, words, tag, unclosed }: Shape): string {
  const leaf = `<p>${'word '.repeat(words)}</p>`;
  const sibling = `<${tag}>${leaf}${unclosed ? '' : `</${tag}>`}`.repeat(width - 1);
  const close = unclosed ? '' : `</${tag}>`;
  return `<html><head><title>Shape</title></head><body>${`<${tag}>${sibling}`.repeat(depth)}${leaf}${close.repeat(depth)}</body></html>`;
}

const shapeArbitrary = fc
  .record({
    depth: fc.oneof(
      fc.integer({ min: 1, max: 2 * HTML_DEPTH_MAX }),
      fc.integer({ min: HTML_DEPTH_MAX - 60, max: HTML_DEPTH_MAX + 5 }),
      fc.integer({ min: 1, max: 20_000 }),
    ),
    width: fc.integer({ min: 1, max: 60 }),
    words: fc.integer({ min: 0, max: 60 }),
    tag: fc.constantFrom(...TAGS),
    unclosed: fc.boolean(),
  })
  // Keep the page under PAGE_KB_MAX: fewer siblings where it is deep.
  .map((s) => {
    const perLevel = (w: number) => (w - 1) * (12 + s.words * 5 + s.tag.length * 2) + 6;
    let width = s.width;
    while (width > 1 && s.depth * perLevel(width) > PAGE_KB_MAX * 1024) width--;
    return { ...s, width };
  });

describe('fuzz: hostile HTML by depth, width and size', () => {
  it(`parses within ${ALLOWANCE_MS} ms + ${MS_PER_KB} ms per KB`, async () => {
    let slowest = { msPerKb: 0, shape: '' };
    await assertWithinBudget(BUDGET, [shapeArbitrary], async (shape) => {
      await new Promise((resolve) => setImmediate(resolve));
      const html = page(shape);
      const kb = Buffer.byteLength(html) / 1024;
      const started = performance.now();
      let articles: ReturnType<typeof parseFile>['articles'] = [];
      try {
        articles = parseFile('shape.html', new TextEncoder().encode(html), 'fuzz').articles;
      } catch (error) {
        if (!isSearchError(error)) throw error;
      }
      const ms = performance.now() - started;
      if (ms / kb > slowest.msPerKb)
        slowest = {
          msPerKb: ms / kb,
          shape: `${JSON.stringify(shape)} ${kb.toFixed(0)} KB ${ms.toFixed(0)} ms`,
        };
      expect(ms, `${JSON.stringify(shape)}: ${kb.toFixed(1)} KB`).toBeLessThan(ALLOWANCE_MS + MS_PER_KB * kb);
      // Words in, words out: the page's text is kept whatever its shape.
      if (shape.words > 0) expect(articles[0]?.text ?? '').toContain('word');
    });
    console.info(`slowest per KB: ${slowest.msPerKb.toFixed(2)} ms/KB (${slowest.shape})`);
  }, 300_000);
});
