/**
 * A record with a title and no text is a headline, and a headline is content: it is stored
 * with the title as its text, and the ingest summary says how many records were title-only
 * (one public collection is half headlines: 1,587 of its 3,204 records were stored).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { createSearchEngine } from '../../src/index.js';
import { parseFile } from '../../src/parse/index.js';
import { renderSummary } from '../../src/serve/cli/render.js';
import { tempDir } from '../helpers.js';

const RECORDS = [
  { id: 'full', title: 'Harbour reopens', text: 'The harbour reopened on Monday after the storm.' },
  { id: 'headline', title: 'Glacier retreats two kilometres in a decade', text: '' },
  { id: 'blank', title: 'Volcano quiet again', text: '  \n\n ' },
  { id: 'nothing', title: ' ', text: '' },
];
const jsonl = `${RECORDS.map((r) => JSON.stringify(r)).join('\n')}\n`;

describe('title-only records', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('are read with the title as the text; a record with neither is still skipped', () => {
    const { articles, skips } = parseFile('news.jsonl', new TextEncoder().encode(jsonl), 'news');
    expect(articles.map((a) => [a.id, a.text, a.titleOnly ?? false])).toEqual([
      ['full', RECORDS[0]?.text, false],
      ['headline', 'Glacier retreats two kilometres in a decade', true],
      ['blank', 'Volcano quiet again', true],
    ]);
    for (const a of articles) expect(a.paragraphs.length).toBeGreaterThan(0);
    expect(skips.map((s) => (s.kind === 'skip' ? s.error.code : s.kind))).toEqual(['EMPTY_DOCUMENT']);
  });

  it('are stored and found, and counted in the summary', async () => {
    const file = join(tmp.dir, 'news.jsonl');
    writeFileSync(file, jsonl);
    const engine = await createSearchEngine({
      indexDir: join(tmp.dir, 'index'),
      embedder: createFakeEmbedder(),
      log: () => {},
    });
    const summary = await engine.ingestPaths([file], { collection: 'news' });
    expect(summary).toMatchObject({ articlesNew: 3, articlesTitleOnly: 2 });
    expect(summary.skipped.map((s) => s.code)).toEqual(['EMPTY_DOCUMENT']);
    const hits = await engine.search({ query: 'glacier kilometres', mode: 'lexical' });
    expect(hits.hits[0]?.articleId).toBe('news/headline');
    expect(renderSummary(summary)).toMatch(/title only: 2 /);
    // Unchanged on a second run, and still counted: the summary describes what was read.
    expect(await engine.ingestPaths([file], { collection: 'news' })).toMatchObject({
      articlesUnchanged: 3,
      articlesTitleOnly: 2,
    });
    await engine.close();
  });
});
