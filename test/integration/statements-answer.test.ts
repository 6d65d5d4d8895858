/**
 * "What did X say about Y" answered with the speaker's words, over the seeds with the real
 * model: the question the product is built around. Abe's words on the islands lead the Kuril
 * answer, labelled good; for China his reported words that relations "have returned to normal"
 * lead, and his words on the US alliance are not on the topic; a speaker the seeds do not quote
 * is said to be unquoted, and the ordinary search follows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearchEngine, type SearchEngine } from '../../src/index.js';
import { ON_TOPIC } from '../../src/results/index.js';
import { SEEDS, tempDir } from '../helpers.js';

describe('statements answer questions about what someone said (real model, seeds)', () => {
  const tmp = tempDir();
  let engine: SearchEngine;

  beforeAll(async () => {
    engine = await createSearchEngine({ indexDir: tmp.dir, logLevel: 'silent' });
    await engine.ingestPaths([SEEDS]);
  }, 300_000);
  afterAll(async () => {
    await engine?.close();
    tmp.cleanup();
  });

  it('the Kuril question leads with Abe’s own words on the islands, labelled good', async () => {
    const r = await engine.results({ query: 'what did Abe say about the Kurils' });
    expect(r.speaker).toMatchObject({ asked: 'Abe', matched: ['Shinzo Abe'], quotedIn: 2 });
    const first = r.statements?.[0];
    expect(first?.speaker).toBe('Shinzo Abe');
    expect(first?.text).toContain('Kunashir and Iturup');
    expect(r.match).toBe('good');
  });

  it('China: relations "have returned to normal" first; the US alliance is not on the topic', async () => {
    const r = await engine.results({ query: 'what did Abe say about China' });
    expect(r.statements?.[0]?.text).toContain('have returned to normal');
    expect(r.match).toBe('good');
    const alliance = r.statements?.filter((s) =>
      /alliance with the United States is the foundation|close cooperation with Washington/.test(s.text),
    );
    expect(alliance?.length).toBeGreaterThan(0);
    for (const s of alliance ?? []) expect(s.relevance).toBeLessThan(ON_TOPIC);
  });

  it('a speaker the articles do not quote is named as such, and the articles still come', async () => {
    const r = await engine.results({ query: 'what did Merkel say about the Kurils' });
    expect(r.speaker?.matched).toEqual([]);
    expect(r.statements ?? []).toEqual([]);
    expect(r.cards.length).toBeGreaterThan(0);
  });
});
