/**
 * Fuzz pass over the ingest parsers: arbitrary bytes, arbitrary JSON and deep nesting into the
 * .jsonl, .json, .html, .md and .txt parsers. Each input ends as articles or as a SearchError
 * (which the loader reports as a skip): never another exception, never a hang.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isSearchError } from '../../src/errors.js';
import { loadArticles, parseFile } from '../../src/parse/index.js';
import { assertWithinBudget, type FuzzBudget } from '../fuzz-budget.js';
import { tempDir } from '../helpers.js';

const EXTENSIONS = ['.jsonl', '.json', '.html', '.md', '.txt'] as const;
/**
 * Per property: the 60 cases it always ran, then more, up to 200, while 5 s last. 60 take 0.1–3 s
 * on an idle 2-core machine.
 */
const BUDGET: FuzzBudget = { runs: 200, minRuns: 60, seconds: 5 };
/**
 * HTML nesting drawn here goes to 20,000 elements: a page nested past HTML_DEPTH_MAX (200) is
 * read by the linear parse5 walk, not Readability. deep-html.test.ts parses 200,000 deep.
 */
const HTML_DEPTH_MAX = 20_000;
const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** JSON text nested `depth` deep, built as text (JSON.stringify would overflow first). */
const nestedArbitrary = fc
  .tuple(fc.integer({ min: 1, max: 30_000 }), fc.constantFrom('{"a":', '['), fc.boolean())
  .map(([depth, open, asRecord]) => {
    const close = open === '[' ? ']' : '}';
    const nested = `${open.repeat(depth)}1${close.repeat(depth)}`;
    return asRecord ? `{"id":"n","text":"Some text.","deep":${nested}}` : nested;
  });

const textArbitrary = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)),
  fc
    .array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 8 })
    .map((vs) => vs.map((v) => JSON.stringify(v)).join('\n')),
  fc
    .record({ id: fc.string(), title: fc.string(), text: fc.string(), extra: fc.jsonValue({ maxDepth: 5 }) })
    .map((r) => JSON.stringify(r)),
  nestedArbitrary,
  fc
    .tuple(fc.integer({ min: 1, max: HTML_DEPTH_MAX }), fc.constantFrom('div', 'p', 'b', 'article'))
    .map(([d, tag]) => `<title>T</title>${`<${tag}>`.repeat(d)}Deep text.${`</${tag}>`.repeat(d)}`),
  fc.integer({ min: 1, max: 20_000 }).map((d) => `# Title\n\n${'> '.repeat(d)}quoted\n`),
);

const bytesArbitrary = fc.oneof(
  fc.uint8Array({ maxLength: 600 }),
  textArbitrary.map((t) => new TextEncoder().encode(t)),
);

/** Run `parse`; only SearchErrors may come out of it. */
function outcome(parse: () => unknown): 'ok' | 'search-error' {
  try {
    parse();
    return 'ok';
  } catch (error) {
    if (isSearchError(error)) return 'search-error';
    throw error;
  }
}

describe('fuzz: ingest parsers', () => {
  for (const ext of EXTENSIONS) {
    it(`${ext}: arbitrary bytes and nested JSON give articles or a SearchError`, async () => {
      // A turn of the event loop per run, as in the loader's property below: run synchronously,
      // the .html property held its vitest worker for over a minute and vitest's RPC timed out.
      await assertWithinBudget(BUDGET, [bytesArbitrary], async (bytes) => {
        await new Promise((resolve) => setImmediate(resolve));
        const result = outcome(() => {
          const { articles } = parseFile(`fuzz${ext}`, bytes, 'fuzz');
          for (const a of articles) {
            expect(a.paragraphs.length).toBeGreaterThan(0);
            for (const p of a.paragraphs) expect(a.text.slice(p.start, p.end).trim()).not.toBe('');
          }
        });
        expect(['ok', 'search-error']).toContain(result);
      });
    });
  }

  it('the loader never throws: every file becomes articles and skips', async () => {
    let n = 0;
    // Async, with a turn of the event loop per run: the synchronous version held this test
    // worker for over a minute on a loaded machine, and vitest's own RPC to it timed out.
    await assertWithinBudget(BUDGET, [fc.constantFrom(...EXTENSIONS), bytesArbitrary], async (ext, bytes) => {
      await new Promise((resolve) => setImmediate(resolve));
      const file = join(tmp.dir, `f${n++}${ext}`);
      writeFileSync(file, bytes);
      const items = [...loadArticles([file])];
      for (const item of items) {
        if (item.kind === 'skip') expect(isSearchError(item.error)).toBe(true);
        else expect(item.article.text.length).toBeGreaterThan(0);
      }
    });
  });
});
