/**
 * Long work in slices, so a server's HTTP thread answers between them: cutting a huge article
 * into passages, its copy sketch and adding its vectors to the graph each give the event loop
 * turns, and give the same result as doing the work in one stretch. Slow steps are simulated by
 * spinning a fixed time per item, so the number of slices does not depend on the machine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createSyncedVectorIndex,
  type EmbeddingSource,
  type StoredEmbedding,
} from '../../src/backends/embedded/index.js';
import { chunkArticle, chunkArticleInSlices, createWordTokenCounter } from '../../src/chunk/index.js';
import { sketchInSlices, sketchOf } from '../../src/copies/index.js';
import { paragraphsByBlankLines, parseTextArticle } from '../../src/parse/index.js';
import { inSlices, SLICE_MS } from '../../src/slices.js';
import { extractStatements, extractStatementsInSlices } from '../../src/statements/index.js';
import { SEEDS } from '../helpers.js';

const spin = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end) {}
};

/** Counts event-loop turns (setImmediate callbacks) until `stop` is called. */
function turnCounter() {
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  return {
    stop: () => {
      running = false;
      return turns;
    },
  };
}

describe('work in slices', () => {
  it('gives the event loop a turn at least every slice', async () => {
    const counter = turnCounter();
    const seen: number[] = [];
    // 40 items of 2 ms each: at least 80 ms of work, so at least 80 / (SLICE_MS + 2) turns.
    await inSlices(
      Array.from({ length: 40 }, (_, i) => i),
      (i) => {
        spin(2);
        seen.push(i);
      },
    );
    const turns = counter.stop();
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(turns).toBeGreaterThanOrEqual(Math.floor(80 / (SLICE_MS + 2)) - 1);
  });

  it('catches the graph up in slices, and a search during it waits for the whole change', async () => {
    const dimension = 4;
    const vectors = new Map<number, Float32Array>();
    for (let id = 1; id <= 60; id++) vectors.set(id, Float32Array.from([id % 2, (id + 1) % 2, id / 60, 1]));
    let generation = 0;
    const source: EmbeddingSource = {
      identity: () => 'fake',
      dimension: () => dimension,
      generation: () => generation,
      commitToken: (g) => (g <= generation ? `token-${g}` : undefined),
      passageCount: () => (generation === 0 ? 0 : vectors.size),
      allEmbeddings: () => [],
      changesSince: () => ({
        removed: [],
        // Each stored vector takes 2 ms to read: 60 of them are 120 ms, several slices.
        added: (function* (): Generator<StoredEmbedding> {
          for (const [id, embedding] of vectors) {
            spin(2);
            yield { id, embedding };
          }
        })(),
      }),
      allowedPassageIds: () => undefined,
    };
    const index = createSyncedVectorIndex({ source, kind: 'exact', path: '/nonexistent' });
    expect(await index.search(Float32Array.from([0, 0, 0, 1]), 1)).toEqual([]);
    generation = 1;
    const counter = turnCounter();
    let applied = false;
    const writing = index.applyWrite({ removedPassageIds: [], added: [], generation: 1 }).then(() => {
      applied = true;
    });
    const last = vectors.get(60) as Float32Array;
    const found = await index.search(last, 1);
    expect(applied).toBe(true); // the search waited for the catch-up under way
    expect(found.map((h) => h.id)).toEqual([60]);
    await writing;
    expect(counter.stop()).toBeGreaterThanOrEqual(3);
  });

  it('cuts an article into the same passages, and sketches it the same', async () => {
    const counter = createWordTokenCounter();
    const options = { maxTokens: 40, overlapSentences: 1, counter };
    const text = Array.from(
      { length: 400 },
      (_, i) => `Paragraph ${i} about the harbour wall. It held.`,
    ).join('\n\n');
    const articles = [
      parseTextArticle('seed.txt', readFileSync(join(SEEDS, '000_49243b7414c43ba9.txt'), 'utf8')),
      { id: 'big', title: 'Big', text, paragraphs: paragraphsByBlankLines(text), metadata: {} },
    ];
    for (const a of articles) {
      expect(await chunkArticleInSlices(a, options)).toEqual(chunkArticle(a, options));
      expect(await sketchInSlices(a.title, a.text)).toEqual(sketchOf(a.title, a.text));
    }
  });

  it("reads an article's statements in slices, the same ones", async () => {
    const seed = parseTextArticle('seed.txt', readFileSync(join(SEEDS, '000_49243b7414c43ba9.txt'), 'utf8'));
    expect(await extractStatementsInSlices(seed)).toEqual(extractStatements(seed));
    // 4,000 quotations: a few hundred ms of reading here, many slices on any machine.
    const text = Array.from(
      { length: 4000 },
      (_, i) => `"The wall ${i} will hold," said Mr Smith. He added that the river was high.`,
    ).join('\n\n');
    const big = { title: 'Quay', text };
    const counter = turnCounter();
    const sliced = await extractStatementsInSlices(big);
    expect(counter.stop()).toBeGreaterThanOrEqual(2);
    expect(sliced).toEqual(extractStatements(big));
    expect(sliced.length).toBeGreaterThanOrEqual(4000);
  });
});
