/**
 * HTML nested 20,000 elements deep, the deepest the parser fuzz (test/unit/fuzz-parsers.test.ts)
 * draws only up to 2,000: such a page gives articles or a SearchError, never a stack overflow
 * or another exception. Not in the unit tier because Readability's time grows with the square
 * of the depth: a page takes about a minute on an idle 2-core machine. Each page is parsed by
 * the built library in a new process (the main thread's stack, as in `semsearch ingest`), so a
 * minute of parsing does not hold up the test worker.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const DEPTH = 20_000;

type Outcome =
  | { kind: 'articles'; articles: Array<{ paragraphs: number; blank: number }> }
  | { kind: 'search-error'; code: string }
  | { kind: 'other-error'; error: string };

async function parseDeep(tag: string): Promise<Outcome> {
  const script = `
    import { isSearchError } from ${JSON.stringify(join(ROOT, 'dist', 'errors.js'))};
    import { parseFile } from ${JSON.stringify(join(ROOT, 'dist', 'parse', 'index.js'))};
    const tag = ${JSON.stringify(tag)};
    const html = '<title>T</title>' + ('<' + tag + '>').repeat(${DEPTH}) + 'Deep text.' + ('</' + tag + '>').repeat(${DEPTH});
    let outcome;
    try {
      const { articles } = parseFile('deep-' + tag + '.html', new TextEncoder().encode(html), 'fuzz');
      outcome = {
        kind: 'articles',
        articles: articles.map((a) => ({
          paragraphs: a.paragraphs.length,
          blank: a.paragraphs.filter((p) => a.text.slice(p.start, p.end).trim() === '').length,
        })),
      };
    } catch (error) {
      outcome = isSearchError(error)
        ? { kind: 'search-error', code: error.code }
        : { kind: 'other-error', error: String(error?.stack ?? error) };
    }
    console.log(JSON.stringify(outcome));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as Outcome;
}

describe('HTML nested 20,000 deep', () => {
  for (const tag of ['div', 'p', 'b', 'article']) {
    it(`<${tag}>: articles or a SearchError`, async () => {
      const outcome = await parseDeep(tag);
      expect(outcome.kind, JSON.stringify(outcome)).not.toBe('other-error');
      if (outcome.kind !== 'articles') return;
      for (const a of outcome.articles) {
        expect(a.paragraphs).toBeGreaterThan(0);
        expect(a.blank).toBe(0);
      }
    });
  }
});
