/**
 * A lone UTF-16 surrogate (from a JSON "\ud800" escape) is stored as one U+FFFD: stored as is,
 * it came back from SQLite as three, and every offset after it (highlights, citations) drifted.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { createSearchEngine } from '../../src/index.js';
import { wellFormed } from '../../src/parse/check-article.js';
import { tempDir } from '../helpers.js';

describe('lone surrogates', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('replaces each lone half with one U+FFFD and keeps pairs', () => {
    expect(wellFormed('a\ud800b\udc00c\ud83d\ude00d')).toBe('a\ufffdb\ufffdc\ud83d\ude00d');
    expect(wellFormed('plain')).toBe('plain');
  });

  it('stored text keeps its length, so passage offsets still point at their text', async () => {
    const engine = await createSearchEngine({
      indexDir: join(tmp.dir, 'index'),
      embedder: createFakeEmbedder(),
      logLevel: 'silent',
    });
    try {
      // A JSON Lines record with "\ud800" and "\udfff" escapes: lone halves once parsed.
      const file = join(tmp.dir, 'news.jsonl');
      const escaped = `Broken \\ud800 glyph ${'and \\udfff more '.repeat(3)}before the harbour froze over in the night.`;
      writeFileSync(file, `{"id":"odd","title":"Odd \\ud800 title","text":"${escaped}"}\n`);
      const text = JSON.parse(`"${escaped}"`) as string;
      await engine.ingestPaths([file], { collection: 'news' });
      const stored = await engine.getArticle('news/odd');
      expect(stored?.text).toBe(wellFormed(text));
      expect(stored?.text.length).toBe(text.length);
      expect(stored?.title).toBe('Odd \ufffd title');
      const hit = (await engine.search({ query: 'harbour froze', k: 1 })).hits[0];
      expect(hit).toBeDefined();
      if (!hit) return;
      expect(stored?.text.slice(hit.start, hit.end)).toBe(hit.text);
    } finally {
      await engine.close();
    }
  });
});
