/**
 * The worker embedder (the model on its own thread, as the HTTP server runs it): the same
 * vectors and token counts as the model on the calling thread, and a calling thread left free
 * while passages are embedded (event-loop utilisation, a ratio of the same run, not a time).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { createTransformersEmbedder, createWorkerEmbedder, type Embedder } from '../../src/embed/index.js';
import { SearchError } from '../../src/errors.js';
import { FIXTURES, PATIENCE_MS, ROOT } from '../helpers.js';

const cacheDir = resolveConfig({}).modelCacheDir;
const texts = readFileSync(join(FIXTURES, 'scifact-300.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .slice(0, 96)
  .map((l) => (JSON.parse(l) as { text: string }).text);

/** Event-loop utilisation of this thread while `work` runs: 1 means it never waited. */
async function busyShare(work: () => Promise<unknown>): Promise<number> {
  const before = performance.eventLoopUtilization();
  await work();
  return performance.eventLoopUtilization(before).utilization;
}

describe('worker embedder', () => {
  let inline: Embedder;
  let worker: Embedder;
  beforeAll(async () => {
    inline = await createTransformersEmbedder({ cacheDir });
    worker = await createWorkerEmbedder({ cacheDir });
  });
  afterAll(async () => {
    await worker?.dispose();
    await inline?.dispose();
  });

  it('gives the same model info, token counts and vectors as the model on this thread', async () => {
    expect(worker.info).toEqual(inline.info);
    for (const t of texts.slice(0, 10)) expect(worker.countTokens(t)).toBe(inline.countTokens(t));
    const sample = texts.slice(0, 12);
    const [a, b] = await Promise.all([inline.embedPassages(sample), worker.embedPassages(sample)]);
    expect(b.truncated).toBe(a.truncated);
    // The chunker's token ids cross to the worker, which builds the same input from them.
    expect(worker.tokenIds).toBeDefined();
    const fromIds = await worker.embedPassages(
      sample,
      sample.map((t) => worker.tokenIds?.(t)),
    );
    expect(fromIds.vectors.map((v) => Array.from(v))).toEqual(b.vectors.map((v) => Array.from(v)));
    expect(b.vectors).toHaveLength(sample.length);
    b.vectors.forEach((v, i) => {
      expect(v).toHaveLength(inline.info.dimension);
      const u = a.vectors[i] as Float32Array;
      let dot = 0;
      for (let d = 0; d < v.length; d++) dot += (v[d] as number) * (u[d] as number);
      expect(dot).toBeGreaterThan(0.9999);
    });
    const queries = ['what did Abe say about the Kurils', 'vitamin D and bone density', 'x'];
    // One at a time: queries that arrive together share a batch, and q8 activations are
    // quantised per batch, so batched vectors differ in the third decimal (on either thread).
    for (const q of queries) {
      const u = await inline.embedQuery(q);
      const v = await worker.embedQuery(q);
      let dot = 0;
      for (let d = 0; d < v.length; d++) dot += (v[d] as number) * (u[d] as number);
      expect(dot).toBeGreaterThan(0.9999);
    }
  });

  it('leaves the calling thread free while it embeds (the inline model holds it)', async () => {
    const held = await busyShare(() => inline.embedPassages(texts));
    const free = await busyShare(() => worker.embedPassages(texts));
    // The forward pass is synchronous in onnxruntime-node: inline, this thread is busy nearly
    // all along; with the worker it only waits for a message.
    expect(held).toBeGreaterThan(0.8);
    expect(free).toBeLessThan(held / 2);
  });

  it('a model that cannot load is a clear error, and the worker does not keep the process alive', () => {
    // A new process (the built library): it must end by itself once the load has failed.
    const script = `
      import { createWorkerEmbedder } from ${JSON.stringify(join(ROOT, 'dist', 'embed', 'index.js'))};
      try {
        await createWorkerEmbedder({ cacheDir: ${JSON.stringify(cacheDir)}, model: '/no/such/model-folder' });
        console.log('loaded');
      } catch (error) {
        console.log(error.code);
      }`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: PATIENCE_MS,
    });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('MODEL_NOT_AVAILABLE');
  });

  it('answers a stopped worker with a clear error, not a hang', async () => {
    const doomed = await createWorkerEmbedder({ cacheDir });
    await doomed.dispose();
    const error = await doomed.embedQuery('anything').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SearchError);
    expect((error as SearchError).code).toBe('MODEL_NOT_AVAILABLE');
  });
});
