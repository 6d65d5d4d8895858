/**
 * A bare `semsearch ingest` adds nothing: it is bad usage (exit 2) that says what to give it
 * and where the demo articles are, and no index is created. It used to ingest the two demo
 * articles into the user's own index without a word.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/serve/cli/main.js';
import { SEEDS, tempDir } from '../helpers.js';

describe('ingest without paths', () => {
  const tmp = tempDir();
  afterEach(() => {
    process.exitCode = 0;
  });

  it('is bad usage naming the demo articles, and writes no index', async () => {
    const index = join(tmp.dir, 'index');
    const lines: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((s: string) => {
      lines.push(String(s));
      return true;
    }) as typeof process.stderr.write;
    try {
      await main(['node', 'semsearch', '--index', index, 'ingest', '--quiet']);
    } finally {
      process.stderr.write = write;
    }
    expect(process.exitCode).toBe(2);
    const said = lines.join('');
    expect(said).toContain('semsearch ingest ~/news');
    expect(said).toContain(`semsearch ingest ${SEEDS}`);
    expect(existsSync(index)).toBe(false);
    tmp.cleanup();
  });
});
