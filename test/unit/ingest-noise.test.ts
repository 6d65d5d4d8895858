/**
 * What ingest and rm print besides their result: housekeeping (compacting the vector graph)
 * only when asked for, repeated warnings summarised, and log lines never glued to the bar.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { type Article, createSearchEngine } from '../../src/index.js';
import { createProgressReporter, writeAboveBar } from '../../src/serve/cli/progress.js';
import { createWarningGate } from '../../src/serve/cli/repeated-warnings.js';
import { tempDir } from '../helpers.js';

const articles = (n: number): Article[] =>
  Array.from({ length: n }, (_, i) => {
    const text = `Harbour report number ${i}: the ferry ${i} left on time and the crew ${i} were paid.`;
    return {
      id: `news/a${i}`,
      title: `Report ${i}`,
      text,
      paragraphs: [{ index: 0, start: 0, end: text.length }],
      metadata: {},
    };
  });

describe('housekeeping lines', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  for (const logLevel of ['info', 'debug'] as const) {
    it(`removing most articles compacts the graph, said only at the debug level (${logLevel})`, async () => {
      const lines: string[] = [];
      const engine = await createSearchEngine({
        indexDir: join(tmp.dir, 'index'),
        embedder: createFakeEmbedder(),
        logLevel,
        log: (l) => lines.push(l),
      });
      try {
        await engine.ingestArticles(articles(120));
        await engine.deleteArticles(
          articles(120)
            .slice(0, 100)
            .map((a) => a.id),
        );
      } finally {
        await engine.close();
      }
      const compacting = lines.filter((l) => l.startsWith('compacting the HNSW index'));
      expect(compacting).toHaveLength(logLevel === 'debug' ? 1 : 0);
    });
  }
});

describe('repeated warnings', () => {
  const twice = (i: number) =>
    `Article id "news/a${i}" appears twice in this ingest; the later copy was skipped.`;

  it('prints the first three of a kind and sums up the rest in one line', () => {
    const gate = createWarningGate();
    const shown = Array.from({ length: 423 }, (_, i) => gate.show('BAD_INPUT', twice(i), '/x/news.jsonl'));
    expect(shown.filter(Boolean)).toHaveLength(3);
    // Another kind is counted on its own.
    expect(gate.show('DATE_YEAR_UNKNOWN', 'a.txt: the dateline has no year', 'a.txt')).toBe(true);
    expect(gate.summary()).toEqual([
      `warning: 420 more like "${twice(0)}" (423 in all; --verbose lists each, --json gives them all)`,
    ]);
  });

  it('prints every one with --verbose', () => {
    const gate = createWarningGate(true);
    for (let i = 0; i < 10; i++) expect(gate.show('BAD_INPUT', twice(i), 'x')).toBe(true);
    expect(gate.summary()).toEqual([]);
  });
});

describe('the progress bar on a terminal', () => {
  it('keeps a line of its own: a line written meanwhile goes above it, and the bar is drawn again', () => {
    let screen = '';
    const stream = {
      write: (s: string) => {
        screen += s;
        return true;
      },
      columns: 100,
    } as unknown as NodeJS.WriteStream;
    const bar = createProgressReporter(stream, true);
    bar.update({ articlesDone: 9, articlesTotal: 10, passagesEmbedded: 40, elapsedMs: 9000, current: 'a' });
    writeAboveBar(stream, 'semsearch: compacting the HNSW index\n');
    // What the terminal shows: each \r\x1b[2K clears the line it is on.
    const lines = screen.split('\n').map((l) => l.split('\r\x1b[2K').at(-1));
    expect(lines[0]).toBe('semsearch: compacting the HNSW index');
    expect(lines[1]).toMatch(/^\[█+░*\] 9\/10 articles .* ETA 1s$/);
    bar.done();
    screen = '';
    writeAboveBar(stream, 'Ingested in 9.0 s\n');
    expect(screen).toBe('Ingested in 9.0 s\n');
  });
});
