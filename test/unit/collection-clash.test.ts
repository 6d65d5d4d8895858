/**
 * `ingest a/news` then `ingest b/news`: both are collection "news" by default, and b's files
 * replace a's of the same relative path. The second ingest says so before it runs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { createSearchEngine } from '../../src/index.js';
import { defaultCollection } from '../../src/parse/index.js';
import { collectionClashes } from '../../src/serve/cli/collection-clash.js';
import { tempDir } from '../helpers.js';

describe('two folders of the same name', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('warns when the collection already holds another folder of that name, not the same folder again', async () => {
    const a = join(tmp.dir, 'a', 'news');
    const b = join(tmp.dir, 'b', 'news');
    for (const [dir, text] of [
      [a, 'Harbour\n\nThe harbour froze over.\n'],
      [b, 'Glacier\n\nThe glacier retreated.\n'],
    ] as const) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'story.txt'), text);
    }
    const engine = await createSearchEngine({
      indexDir: join(tmp.dir, 'index'),
      embedder: createFakeEmbedder(),
      logLevel: 'silent',
    });
    try {
      await engine.ingestPaths([a], { collection: defaultCollection });
      expect(await collectionClashes(engine, [a], defaultCollection)).toEqual([]);
      const warnings = await collectionClashes(engine, [b], defaultCollection);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(`collection "news" already holds files from ${a}`);
      expect(warnings[0]).toContain('--collection NAME');
      // Another name keeps them apart: nothing to say.
      expect(await collectionClashes(engine, [b], 'news-b')).toEqual([]);
    } finally {
      await engine.close();
    }
  });
});
