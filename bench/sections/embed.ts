/**
 * Embedding throughput, fp32 and q8, on SciFact abstracts: the pipeline against the bare ONNX
 * Runtime forward pass on the same, pre-tokenized batches.
 */
import { join } from 'node:path';
import { chunkArticle } from '../../src/chunk/index.js';
import { createTransformersEmbedder } from '../../src/embed/index.js';
import { recordToArticle } from '../../src/index.js';
import { fmt, table, timed } from '../lib.js';
import { type BenchContext, readJsonl } from './context.js';

export type Embedderish = Awaited<ReturnType<typeof createTransformersEmbedder>>;

/** Forward passes only, over the same length-sorted batches embedPassages makes. */
export async function rawForwardMs(
  embedder: Embedderish,
  groups: string[][],
  batchSize: number,
): Promise<number> {
  const batches: string[][] = [];
  for (const group of groups) {
    const sorted = [...group].sort((a, b) => a.length - b.length);
    for (let i = 0; i < sorted.length; i += batchSize) batches.push(sorted.slice(i, i + batchSize));
  }
  const inputs = batches.map((b) => embedder.raw.tokenize(b));
  let ms = 0;
  for (const input of inputs) {
    const t = performance.now();
    await embedder.raw.forward(input);
    ms += performance.now() - t;
  }
  return ms;
}

export async function embedSection(ctx: BenchContext): Promise<void> {
  const records = readJsonl(join(ctx.datasets, 'scifact', 'corpus.jsonl')).slice(0, 250);
  const rows: Array<Array<string | number>> = [];
  const out: Record<string, unknown> = {};
  for (const dtype of ['fp32', 'q8'] as const) {
    const embedder = await createTransformersEmbedder({ cacheDir: ctx.cacheDir, dtype });
    const texts = records
      .map((r, i) => recordToArticle(r, `r${i}`, 'scifact'))
      .flatMap((a) =>
        chunkArticle(a, { maxTokens: 200, counter: embedder }).map((p) => `${a.title}\n${p.text}`),
      )
      .slice(0, 512);
    await embedder.embedPassages(texts); // warm-up: ONNX Runtime grows its arenas on the first long batches
    // Alternate the two measurements and keep the best of each, so neither gains from going second.
    let pipelineMs = Number.POSITIVE_INFINITY;
    let raw = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 2; round++) {
      pipelineMs = Math.min(pipelineMs, (await timed(() => embedder.embedPassages(texts))).ms);
      raw = Math.min(raw, await rawForwardMs(embedder, [texts], 32));
    }
    const pipeline = { ms: pipelineMs };
    const pps = texts.length / (pipeline.ms / 1000);
    const rawPps = texts.length / (raw / 1000);
    rows.push([dtype, texts.length, fmt(pps), fmt(rawPps), fmt(raw / pipeline.ms, 3)]);
    out[dtype] = {
      passages: texts.length,
      pipelinePerSecond: pps,
      rawPerSecond: rawPps,
      efficiency: raw / pipeline.ms,
    };
    await embedder.dispose();
  }
  table(
    'Embedding throughput (SciFact abstracts, 200-token passages, batch 32)',
    ['dtype', 'passages', 'pipeline p/s', 'raw ORT p/s', 'efficiency (raw/pipeline time)'],
    rows,
  );
  ctx.report.embed = out;
}
