/**
 * `npx tsx bench/batch-neighbours.ts [--passages 50]`: does a passage's vector depend on what
 * shares its forward pass? Each of N SciFact passages is embedded alone (a batch of one), then
 * all N together in the embedder's batches (sorted by length, padded to the longest of each),
 * then among N other passages (a different batch and padding). Reported: the cosine of each
 * passage's batched vectors to its lone vector (mean, min), and how many are bit-identical.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createTransformersEmbedder } from '../src/embed/index.js';
import { resolveConfig } from '../src/index.js';
import { fmt, ROOT } from './lib.js';

const { values } = parseArgs({
  options: { passages: { type: 'string', default: '50' }, dtype: { type: 'string', default: 'q8' } },
});
const N = Number(values.passages);
const dtype = values.dtype as 'q8' | 'fp32';
const records = readFileSync(join(ROOT, 'test', 'fixtures', 'scifact-300.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { title: string; text: string });
// Passage-sized texts of varied length, so that batches pad.
const texts = records.slice(0, N).map((r, i) => `${r.title}. ${r.text}`.slice(0, 200 + ((i * 97) % 900)));
const others = records.slice(N, 2 * N).map((r) => `${r.title}. ${r.text}`.slice(0, 1100));

const embedder = await createTransformersEmbedder({ cacheDir: resolveConfig({}).modelCacheDir, dtype });
const alone: Float32Array[] = [];
for (const t of texts) alone.push((await embedder.embedPassages([t])).vectors[0] as Float32Array);
const together = (await embedder.embedPassages(texts)).vectors;
// Interleaved with others: each passage meets other neighbours and another padded length.
const interleaved = texts.flatMap((t, i) => [others[i] as string, t]);
const mixed = (await embedder.embedPassages(interleaved)).vectors.filter((_, i) => i % 2 === 1);
await embedder.dispose();

const cos = (a: Float32Array, b: Float32Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
};
function report(label: string, vectors: readonly Float32Array[], base: readonly Float32Array[] = alone) {
  const c = vectors.map((v, i) => cos(v, base[i] as Float32Array));
  const same = vectors.filter((v, i) => v.every((x, j) => x === (base[i] as Float32Array)[j])).length;
  console.log(
    `${label}: cosine mean ${fmt(c.reduce((a, b) => a + b, 0) / c.length, 6)}, min ${fmt(Math.min(...c), 6)}; bit-identical ${same}/${c.length}`,
  );
}
console.log(`# ${N} passages, ${dtype}: each alone vs in batches`);
report('batched together vs each alone', together);
report('batched among as many others vs each alone', mixed);
report('batched among others vs batched together', mixed, together);
