/**
 * The ranking choices measured and kept: score-based fusion, and the passage context embedded
 * with a passage (title, lede) recorded in the index manifest.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articleLede, contextualText } from '../../src/chunk/index.js';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { createSearchEngine } from '../../src/index.js';
import { embeddingText } from '../../src/ingest/index.js';
import { fuse, normalizeScores } from '../../src/search/fusion.js';
import { tempDir } from '../helpers.js';

const para = (text: string) => [{ index: 0, start: 0, end: text.length }];

describe('score-based fusion', () => {
  it('normalizes by min-max', () => {
    expect(normalizeScores([4, 2, 0])).toEqual([1, 0.5, 0]);
    expect(normalizeScores([5, 5])).toEqual([1, 1]);
    expect(normalizeScores([])).toEqual([]);
  });

  it('combines normalized scores by the list weights, unlike rank fusion', () => {
    // Dense barely separates 1 and 2; BM25 strongly prefers 2. Rank fusion would tie them on
    // rank and let the better dense similarity win; score fusion follows the size of the gaps.
    const input = {
      dense: [
        { id: 1, similarity: 0.8 },
        { id: 2, similarity: 0.79 },
        { id: 3, similarity: 0.2 },
      ],
      lexical: [
        { passageId: 2, bm25: 20 },
        { passageId: 1, bm25: 2 },
        { passageId: 3, bm25: 1 },
      ],
      denseWeight: 1,
      lexicalWeight: 1,
    };
    const fused = fuse(input);
    expect(fused.map((p) => p.id)).toEqual([2, 1, 3]);
    expect(fused[0]?.score).toBe(1);
    expect(fused[2]?.score).toBe(0);
    // With the lexical weight at zero only dense counts.
    expect(fuse({ ...input, lexicalWeight: 0 }).map((p) => p.id)).toEqual([1, 2, 3]);
  });
});

describe('passage context', () => {
  it('takes the first sentence as the lede, cut to whole words', () => {
    const text = 'Abe met Putin in Moscow on Monday. They talked about the islands.';
    expect(articleLede(text)).toBe('Abe met Putin in Moscow on Monday.');
    expect(articleLede(text, 3)).toBe('Abe met Putin');
    expect(articleLede('')).toBe('');
  });

  it('embeds the title and lede before the passage, the lede not twice', () => {
    const context = { title: 'Kuril talks', lede: 'Abe met Putin.' };
    expect(contextualText(context, 'They talked.')).toBe('Kuril talks\nAbe met Putin.\nThey talked.');
    expect(contextualText(context, 'Abe met Putin. They talked.')).toBe(
      'Kuril talks\nAbe met Putin. They talked.',
    );
    expect(contextualText({ title: '', lede: '' }, 'They talked.')).toBe('They talked.');
  });

  it('keeps the text of indexes without the lede setting exactly as before', () => {
    const draft = { articleId: 'a', ordinal: 1, paragraph: 1, start: 0, end: 4, text: 'Body', tokens: 1 };
    const chunker = { maxTokens: 200, overlapSentences: 1, titlePrefix: true };
    expect(embeddingText('Title', draft, chunker, 'Lede.')).toBe('Title\nBody');
    expect(embeddingText('Title', draft, { ...chunker, ledePrefix: true }, 'Lede.')).toBe(
      'Title\nLede.\nBody',
    );
    expect(embeddingText('Title', draft, { ...chunker, titlePrefix: false }, 'Lede.')).toBe('Body');
  });
});

describe('passage context on a real index', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  const articles = [
    {
      id: 'kurils',
      title: 'Kuril talks',
      text: 'Abe met Putin in Moscow.\n\nFormer residents of Kunashir and Iturup may visit.',
      paragraphs: [
        { index: 0, start: 0, end: 24 },
        { index: 1, start: 26, end: 76 },
      ],
      metadata: {},
    },
    {
      id: 'crab',
      title: 'Crab catch',
      text: 'Crab catches off Kunashir rose.',
      paragraphs: para('x'),
      metadata: {},
    },
  ].map((a) => (a.id === 'crab' ? { ...a, paragraphs: para(a.text) } : a));

  it('records the lede setting in the manifest and embeds the lede with later passages', async () => {
    const indexDir = join(tmp.dir, 'index');
    const fake = createFakeEmbedder();
    const texts: string[] = [];
    const spy = {
      ...fake,
      embedPassages: (t: readonly string[]) => {
        texts.push(...t);
        return fake.embedPassages(t);
      },
    };
    const engine = await createSearchEngine({
      indexDir,
      embedder: spy,
      passageContext: 'title+lede',
      log: () => {},
    });
    await engine.ingestArticles(articles);
    expect((await engine.stats()).chunker).toMatchObject({ titlePrefix: true, ledePrefix: true });
    expect(texts).toContain(
      'Kuril talks\nAbe met Putin in Moscow.\nFormer residents of Kunashir and Iturup may visit.',
    );
    expect(texts).toContain('Kuril talks\nAbe met Putin in Moscow.');
    // Hybrid search runs over the real FTS index.
    const ranked = await engine.rankArticles('Iturup', { mode: 'hybrid' });
    expect(ranked[0]?.articleId).toBe('kurils');
    await engine.close();
  });

  it('embeds the title only by default, and then leaves the lede out of the manifest', async () => {
    const titleOnly = await createSearchEngine({
      indexDir: join(tmp.dir, 'title'),
      embedder: createFakeEmbedder(),
      log: () => {},
    });
    await titleOnly.ingestArticles(articles);
    const chunker = (await titleOnly.stats()).chunker;
    expect(chunker).toMatchObject({ titlePrefix: true });
    // Absent, not false: indexes built before the setting keep their settings and content hashes.
    expect(chunker && 'ledePrefix' in chunker).toBe(false);
    await titleOnly.close();
  });
});
