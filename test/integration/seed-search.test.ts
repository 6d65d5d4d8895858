/** The seed questions with the real default model: the right passages come back first. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkArticle } from '../../src/chunk/index.js';
import { resolveConfig } from '../../src/config.js';
import { createTransformersEmbedder, type Embedder } from '../../src/embed/index.js';
import { createSearchEngine, type SearchEngine } from '../../src/index.js';
import { parseTextArticle, recordToArticle } from '../../src/parse/index.js';
import { FIXTURES, SEEDS, seedQuestions, tempDir } from '../helpers.js';

describe('seed questions (real model, hybrid)', () => {
  const tmp = tempDir();
  let engine: SearchEngine;

  beforeAll(async () => {
    engine = await createSearchEngine({ indexDir: tmp.dir, logLevel: 'silent' });
    await engine.ingestPaths([SEEDS]);
  });
  afterAll(async () => {
    await engine.close();
    tmp.cleanup();
  });

  for (const question of seedQuestions()) {
    it(`top passage answers: ${question.q}`, async () => {
      const { hits } = await engine.search({ query: question.q, k: 5 });
      const top = hits[0];
      expect(top, 'a hit').toBeDefined();
      expect(
        question.relevant.some((s) => top?.text.includes(s)),
        `top passage was: ${top?.text}`,
      ).toBe(true);
      // The highlighted sentences are inside the passage and carry a relevant phrase or query word.
      for (const h of top?.highlights ?? []) {
        expect(h.start).toBeGreaterThanOrEqual(top?.start ?? 0);
        expect(h.end).toBeLessThanOrEqual(top?.end ?? 0);
      }
      expect(top?.highlights.length).toBeGreaterThan(0);
    });
  }

  it('the Kuril question: a relevant passage first, both articles shown, no padding passages', async () => {
    // Issue 12: a second passage of an article appears only if nearly as relevant as its best.
    // (The first release padded each article with a second passage; for this question that
    // happened to add a second relevant one. Graded passage nDCG@5 is in seed-judgments.test.)
    const question = seedQuestions().find((q) => q.q === 'what did Abe say about the Kurils');
    const { hits } = await engine.search({ query: question?.q ?? '', k: 3 });
    expect(question?.relevant.some((s) => hits[0]?.text.includes(s))).toBe(true);
    expect(new Set(hits.map((h) => h.articleId)).size).toBe(2);
    const perArticle = new Map<string, number[]>();
    for (const h of hits) perArticle.set(h.articleId, [...(perArticle.get(h.articleId) ?? []), h.relevance]);
    for (const rel of perArticle.values())
      for (const r of rel.slice(1)) expect(r).toBeGreaterThanOrEqual(0.75 * (rel[0] ?? 0));
  });

  it('the Kuril question: every article shown opens on the islands, not on whatever Abe said', async () => {
    // The speaker's name pulled "Abe stressed … North Korea" into the second card; the topic
    // is searched on its own now (speech-question.ts).
    const question = seedQuestions().find((q) => q.q === 'what did Abe say about the Kurils');
    const { hits } = await engine.search({ query: question?.q ?? '', k: 5 });
    expect(new Set(hits.map((h) => h.articleId)).size).toBe(2);
    for (const h of hits)
      expect(h.text, 'a hit about the islands').toMatch(/Kuril|Kunashir|Iturup|Shikotan|territorial/);
  });

  it('hits carry offsets into the stored article and scores with their parts', async () => {
    const { hits } = await engine.search({ query: 'Kim Jong-un', k: 3 });
    for (const h of hits) {
      const article = await engine.getArticle(h.articleId);
      expect(article?.text.slice(h.start, h.end)).toBe(h.text);
      expect(h.score).toBeGreaterThan(0);
      expect(h.score).toBeLessThanOrEqual(1);
    }
    expect(hits[0]).toMatchObject({ place: 'TOKYO', source: 'TASS', date: '2019-01-28' }); // from seeds/semsearch.meta.json
    expect(hits[0]?.scores.dense).toBeGreaterThan(0.3);
    expect(hits[0]?.scores.lexicalRank).toBe(1);
  });
});

describe('chunker with the real tokenizer', () => {
  let embedder: Embedder;
  beforeAll(async () => {
    embedder = await createTransformersEmbedder({ cacheDir: resolveConfig({}).modelCacheDir });
  });
  afterAll(async () => {
    await embedder.dispose();
  });

  it('round-trips offsets and stays within budget for the seeds and the first 200 SciFact abstracts', async () => {
    const lines = readFileSync(join(FIXTURES, 'scifact-300.jsonl'), 'utf8').trim().split('\n').slice(0, 200);
    const articles = lines.map((l, i) => recordToArticle(JSON.parse(l), `line-${i}`, `scifact:${i}`));
    for (const f of ['000_49243b7414c43ba9.txt', '001_5b0540494f67e9be.txt']) {
      articles.push(parseTextArticle(f, readFileSync(join(SEEDS, f), 'utf8')));
    }
    let count = 0;
    for (const maxTokens of [64, 200]) {
      for (const a of articles) {
        for (const p of chunkArticle(a, { maxTokens, counter: embedder })) {
          count++;
          expect(a.text.slice(p.start, p.end)).toBe(p.text);
          expect(embedder.countTokens(p.text)).toBeLessThanOrEqual(maxTokens);
        }
      }
    }
    expect(count).toBeGreaterThan(600);
  });
});
