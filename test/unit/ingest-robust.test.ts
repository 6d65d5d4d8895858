/**
 * The loader under hostile files: deep nesting, huge titles, .jsonl read in chunks (links and
 * FIFOs in folders: test/integration/special-files.test.ts, as making a FIFO takes mkfifo). One
 * bad record is a skip naming file and line; the rest goes in.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { createSearchEngine } from '../../src/index.js';
import { type LoadItem, loadArticles, readLines, TITLE_MAX_CHARS } from '../../src/parse/index.js';
import { tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const deepRecord = (depth: number) =>
  `{"id":"deep","text":"Deep text.","extra":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;

function split(items: LoadItem[]) {
  const articles = items.flatMap((i) => (i.kind === 'article' ? [i.article] : []));
  const skips = items.flatMap((i) => (i.kind === 'skip' ? [i] : []));
  return { articles, skips };
}

describe('loader robustness', () => {
  it('a .jsonl record nested 20,000 deep is a skip naming file and line; the other lines go in', async () => {
    const file = join(tmp.dir, 'deep.jsonl');
    writeFileSync(
      file,
      `{"id":"a","text":"First article."}\n${deepRecord(20_000)}\n{"id":"b","text":"Second article."}\n`,
    );
    const { articles, skips } = split([...loadArticles([file])]);
    expect(articles.map((a) => a.id)).toEqual(['a', 'b']);
    expect(skips).toHaveLength(1);
    expect(skips[0]).toMatchObject({ path: file, line: 2 });
    expect(skips[0]?.error.message).toMatch(/deep\.jsonl:2: field "extra" nests deeper than 32/);
    // Through the whole pipeline: nothing aborts, both good records are committed.
    const engine = await createSearchEngine({
      indexDir: join(tmp.dir, 'deep-index'),
      embedder: createFakeEmbedder(),
      logLevel: 'silent',
    });
    try {
      const summary = await engine.ingestPaths([file]);
      expect(summary.articlesNew).toBe(2);
      expect(summary.skipped).toEqual([expect.objectContaining({ line: 2, code: 'BAD_INPUT' })]);
    } finally {
      await engine.close();
    }
  });

  it('a title over the limit is cut, with a warning, and the article kept', () => {
    const file = join(tmp.dir, 'titles.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 't', title: 'T'.repeat(600_000), text: 'Body.' })}\n`);
    const { articles, skips } = split([...loadArticles([file])]);
    expect(articles[0]?.title).toHaveLength(TITLE_MAX_CHARS);
    expect(skips[0]?.error.code).toBe('TITLE_TRUNCATED');
    const md = join(tmp.dir, 'long.md');
    writeFileSync(md, `# ${'H'.repeat(5000)}\n\nText.\n`);
    const single = split([...loadArticles([md])]);
    expect(single.articles[0]?.title).toHaveLength(TITLE_MAX_CHARS);
    expect(single.skips[0]?.error.message).toMatch(/cut to 1000/);
  });

  it('.jsonl is read in chunks: lines split across chunk edges come out whole and numbered', () => {
    const file = join(tmp.dir, 'chunks.jsonl');
    const lines = Array.from({ length: 50 }, (_, i) =>
      JSON.stringify({ id: `c${i}`, text: `Text ${i} é€😀` }),
    );
    writeFileSync(file, `\uFEFF${lines.join('\r\n')}`);
    for (const chunk of [1, 7, 64, 1 << 20]) {
      const read = [...readLines(file, chunk)].map((l) => ({
        line: l.line,
        text: l.bytes?.toString('utf8'),
      }));
      expect(read).toHaveLength(50);
      expect(read[49]).toEqual({ line: 50, text: lines[49] });
      expect(read[10]?.text).toBe(`${lines[10]}\r`);
    }
    const { articles, skips } = split([...loadArticles([file])]);
    expect(skips).toEqual([]);
    expect(articles.map((a) => a.id)).toEqual(lines.map((_, i) => `c${i}`));
    expect(articles[3]?.text).toBe('Text 3 é€😀');
  });

  it('a broken line (invalid UTF-8) is a skip with its line; a missing path is a skip', () => {
    const file = join(tmp.dir, 'mixed.jsonl');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from('{"id":"ok1","text":"One."}\n{"id":"bad","text":"'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('"}\n{"id":"ok2","text":"Two."}\n'),
      ]),
    );
    const { articles, skips } = split([...loadArticles([file, join(tmp.dir, 'nope')])]);
    expect(articles.map((a) => a.id)).toEqual(['ok1', 'ok2']);
    expect(skips.map((s) => [s.error.code, s.line])).toEqual([
      ['INVALID_UTF8', 2],
      ['NOT_FOUND', undefined],
    ]);
  });
});
