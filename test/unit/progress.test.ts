import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgressReporter } from '../../src/serve/cli/progress.js';

const progress = (articlesDone: number, elapsedMs: number) => ({
  articlesDone,
  articlesTotal: 10,
  passagesEmbedded: articlesDone * 5,
  elapsedMs,
  current: `article-${articlesDone}`,
});

describe('ingest progress when piped', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('prints nothing for a short ingest, then one line every five seconds of the ingest', () => {
    // The wall clock is far ahead (a model that took 30 s to load): only the ingest's time counts.
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    const lines: string[] = [];
    const stream = { write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
    const reporter = createProgressReporter(stream, false);
    vi.setSystemTime(new Date('2026-01-01T00:00:30Z'));
    reporter.update(progress(1, 100));
    reporter.update(progress(2, 900));
    expect(lines).toEqual([]);
    reporter.update(progress(5, 5000));
    reporter.update(progress(6, 6000));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^progress: 5\/10 articles · 25 passages · 5\.0 passages\/s · 5s · ETA 5s\n$/);
  });
});
