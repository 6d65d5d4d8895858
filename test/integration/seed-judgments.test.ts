/**
 * Graded judgments of the seed questions, made by reading the two seed articles: each judged
 * passage is named by a snippet of its text (grade 2 answers the question, grade 1 is on the
 * topic). Passage-level nDCG@5 with the real model, q8 and fp32, is reported and must not fall
 * below the figure measured, nor q8 fall behind fp32; nonsense gets no good match.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearchEngine, type SearchEngine } from '../../src/index.js';
import { FIXTURES, SEEDS, tempDir } from '../helpers.js';

interface Judged {
  q: string;
  judged: Array<{ snippet: string; grade: number }>;
}

const JUDGMENTS: Judged[] = readFileSync(join(FIXTURES, 'seed-judgments.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Judged);

/**
 * Passage-level nDCG@5 with the default model: 0.713 when these judgments were written, 0.738
 * since questions about what someone said search their topic on their own; 0.745 for both q8
 * and fp32 since the q8 model quantizes per token and never saturates (converter version 3;
 * the earlier q8 model scored 0.738 on CPUs with VNNI and 0.655 on one without). The floor
 * leaves 0.01, one judged passage trading places with a neighbour in one question: the int8
 * arithmetic is exact on every CPU, so machines differ only by float rounding, which could at
 * most swap two passages scored alike.
 */
const NDCG5_FLOOR = 0.735;
/** q8 may lose at most this much against fp32: the same one swap. */
const Q8_FP32_GAP = 0.01;

function grade(text: string, judged: Judged['judged']): number {
  return Math.max(0, ...judged.filter((j) => text.includes(j.snippet)).map((j) => j.grade));
}

function dcg(grades: readonly number[]): number {
  return grades.slice(0, 5).reduce((s, g, i) => s + g / Math.log2(i + 2), 0);
}

async function passageNdcg(engine: SearchEngine): Promise<{ mean: number; scores: number[] }> {
  const count = (await engine.stats()).passages;
  const allPassages: string[] = [];
  for (let id = 1; id <= count; id++) allPassages.push((await engine.getPassage(id))?.text ?? '');
  const scores: number[] = [];
  for (const j of JUDGMENTS) {
    const { hits } = await engine.search({ query: j.q, k: 5, passagesPerArticle: 5 });
    const got = hits.map((h) => grade(h.text, j.judged));
    const ideal = allPassages
      .filter(Boolean)
      .map((t) => grade(t, j.judged))
      .sort((a, b) => b - a);
    scores.push(dcg(got) / dcg(ideal));
  }
  return { mean: scores.reduce((a, b) => a + b, 0) / scores.length, scores };
}

describe('seed questions, graded', () => {
  const tmp = tempDir();
  const engines = new Map<'q8' | 'fp32', SearchEngine>();
  const ndcg = new Map<'q8' | 'fp32', number>();

  beforeAll(async () => {
    for (const dtype of ['q8', 'fp32'] as const) {
      const engine = await createSearchEngine({ indexDir: join(tmp.dir, dtype), dtype, logLevel: 'silent' });
      await engine.ingestPaths([SEEDS]);
      engines.set(dtype, engine);
    }
  });
  afterAll(async () => {
    for (const engine of engines.values()) await engine.close();
    tmp.cleanup();
  });

  for (const dtype of ['q8', 'fp32'] as const) {
    it(`${dtype} ranks the judged passages first (passage-level nDCG@5)`, async () => {
      const { mean, scores } = await passageNdcg(engines.get(dtype) as SearchEngine);
      ndcg.set(dtype, mean);
      console.log(
        `seed passage nDCG@5 (${dtype}): ${mean.toFixed(3)} (${scores.map((s) => s.toFixed(2)).join(' ')})`,
      );
      expect(mean).toBeGreaterThanOrEqual(NDCG5_FLOOR);
    });
  }

  it('q8 ranks as well as fp32', () => {
    expect(ndcg.get('q8')).toBeGreaterThanOrEqual((ndcg.get('fp32') as number) - Q8_FP32_GAP);
  });

  it('says there is no good match for nonsense, and a good one for a real question', async () => {
    const engine = engines.get('q8') as SearchEngine;
    const nonsense = await engine.search({ query: 'zzzqqq xyzzy' });
    expect(nonsense.match).toBe('none');
    expect(nonsense.hits.every((h) => h.weak)).toBe(true);
    const real = await engine.search({ query: 'Is Abe willing to meet Kim Jong-un?' });
    expect(real.match).toBe('good');
  });
});
