/**
 * A deterministic Embedder for unit tests: hashed bag of lower-cased words, L2-normalized.
 * Texts sharing words get similar vectors, which is all the seam tests need.
 */
import { createHash } from 'node:crypto';
import { createWordTokenCounter } from '../chunk/index.js';
import type { Embedder, ModelInfo } from './embedder.js';

export function createFakeEmbedder(
  options: { dimension?: number; modelId?: string } = {},
): Embedder & { calls: number } {
  const dimension = options.dimension ?? 64;
  const counter = createWordTokenCounter();
  const info: ModelInfo = Object.freeze({
    modelId: options.modelId ?? 'fake/hashed-words',
    dtype: 'fp32',
    dimension,
    pooling: 'mean',
    normalize: true,
    queryPrefix: '',
    passagePrefix: '',
    maxTokens: 512,
  });
  const embed = (text: string) => {
    const v = new Float32Array(dimension);
    for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
      const h = createHash('md5').update(word).digest();
      const slot = h.readUInt32LE(0) % dimension;
      v[slot] = (v[slot] ?? 0) + 1;
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    return v.map((x) => x / norm);
  };
  const fake = {
    info,
    calls: 0,
    countTokens: (t: string) => counter.countTokens(t),
    async embedPassages(texts: readonly string[]) {
      fake.calls += texts.length;
      return { vectors: texts.map(embed), truncated: 0 };
    },
    async embedQuery(text: string) {
      return embed(text);
    },
    async dispose() {},
  };
  return fake;
}
