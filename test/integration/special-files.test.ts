/**
 * The loader over a folder holding a symbolic link and a FIFO (made with mkfifo, a child
 * process, hence here and not with the loader's other cases in test/unit/ingest-robust.test.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type LoadItem, loadArticles } from '../../src/parse/index.js';
import { tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function split(items: LoadItem[]) {
  const articles = items.flatMap((i) => (i.kind === 'article' ? [i.article] : []));
  const skips = items.flatMap((i) => (i.kind === 'skip' ? [i] : []));
  return { articles, skips };
}

describe('loader robustness', () => {
  it('symbolic links and FIFOs inside a folder are skipped with a warning naming them', () => {
    const dir = join(tmp.dir, 'special');
    mkdirSync(dir);
    writeFileSync(join(dir, 'real.txt'), 'Real title\n\nReal text.\n');
    symlinkSync(join(dir, 'real.txt'), join(dir, 'link.txt'));
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    const { articles, skips } = split([...loadArticles([dir])]);
    expect(articles.map((a) => a.id)).toEqual(['real']);
    const messages = skips.map((s) => s.error.message).join('\n');
    expect(messages).toMatch(/link\.txt is a symbolic link/);
    expect(messages).toMatch(/pipe\.txt is a FIFO/);
    expect(skips.every((s) => s.error.code === 'UNSUPPORTED_FILE')).toBe(true);
  });
});
