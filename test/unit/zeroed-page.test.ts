/**
 * A database page zeroed on disk (a torn copy, a bad sector) that no query happens to read goes
 * unnoticed by counts and listings; `stats --check` reads every page and reports it.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { createSearchEngine } from '../../src/index.js';
import { DATABASE_FILE } from '../../src/index-files.js';
import { checkIndex } from '../../src/serve/cli/commands/stats.js';
import { tempDir } from '../helpers.js';

describe('a zeroed database page', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('is reported by the check', async () => {
    const indexDir = join(tmp.dir, 'index');
    const open = () => createSearchEngine({ indexDir, embedder: createFakeEmbedder(), logLevel: 'silent' });
    let engine = await open();
    const articles = Array.from({ length: 40 }, (_, i) => {
      const text = `Article ${i} about the harbour, ${'and more words '.repeat(80)}the end.`;
      return {
        id: `n/${i}`,
        title: `T${i}`,
        text,
        paragraphs: [{ index: 0, start: 0, end: text.length }],
        metadata: {},
      };
    });
    await engine.ingestArticles(articles);
    await checkIndex(engine); // sound: no complaint
    await engine.close();
    const fd = openSync(join(indexDir, DATABASE_FILE), 'r+');
    writeSync(fd, Buffer.alloc(4096), 0, 4096, 8 * 4096); // page 9
    closeSync(fd);
    engine = await open();
    try {
      await expect(checkIndex(engine)).rejects.toMatchObject({
        code: 'INDEX_CORRUPT',
        message: expect.stringMatching(/is damaged \(.*page.*\); move the index folder away and re-ingest/),
      });
    } finally {
      await engine.close();
    }
  });
});
