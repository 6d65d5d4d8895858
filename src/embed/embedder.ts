/** The embedding seam: what the pipeline needs from a model, whatever runs it. */
import type { TokenCounter } from '../chunk/index.js';

export type Pooling = 'mean' | 'cls';

/** What the index records about the model that made its vectors. */
export interface ModelInfo {
  /** Model id ("sentence-transformers/all-MiniLM-L6-v2", a hub id, or a local folder). */
  modelId: string;
  dtype: string;
  dimension: number;
  pooling: Pooling;
  normalize: boolean;
  queryPrefix: string;
  passagePrefix: string;
  /** Most tokens one input may have (special tokens included); longer input is truncated. */
  maxTokens: number;
  /**
   * How semsearch quantized the model, when it did (the converted default model at q8, e.g.
   * "int8-rows-pairsafe"); absent for fp32 and for models quantized elsewhere. Indexes built
   * before it was recorded have none: their q8 vectors came from the earlier quantization.
   */
  quantization?: string;
}

export interface PassageEmbeddings {
  vectors: Float32Array[];
  /** How many inputs were longer than `maxTokens` and cut. */
  truncated: number;
}

export interface Embedder extends TokenCounter {
  readonly info: ModelInfo;
  /**
   * Embed passages (the passage prefix is added here). `tokenIds[i]`, when given, must be the
   * ids `tokenIds(texts[i])` gives (the chunker keeps them; undefined where it has none): an
   * embedder that offers `tokenIds` builds its input from them instead of tokenizing the text
   * again; any other ignores them.
   */
  embedPassages(
    texts: readonly string[],
    tokenIds?: ReadonlyArray<readonly number[] | undefined>,
  ): Promise<PassageEmbeddings>;
  /** Embed a query (the query prefix is added here). */
  embedQuery(text: string): Promise<Float32Array>;
  dispose(): Promise<void>;
}

/** Pool token vectors [batch, seq, dim] into one L2-normalized vector per input. */
export function poolAndNormalize(
  hidden: Float32Array,
  mask: ArrayLike<number | bigint>,
  batch: number,
  seq: number,
  dim: number,
  pooling: Pooling,
  normalize: boolean,
): Float32Array[] {
  const out: Float32Array[] = [];
  for (let b = 0; b < batch; b++) {
    const v = new Float32Array(dim);
    if (pooling === 'cls') {
      v.set(hidden.subarray(b * seq * dim, b * seq * dim + dim));
    } else {
      let count = 0;
      for (let t = 0; t < seq; t++) {
        if (Number(mask[b * seq + t]) === 0) continue;
        count++;
        const base = (b * seq + t) * dim;
        for (let d = 0; d < dim; d++) v[d] = (v[d] as number) + (hidden[base + d] as number);
      }
      if (count > 0) for (let d = 0; d < dim; d++) v[d] = (v[d] as number) / count;
    }
    if (normalize) {
      let norm = 0;
      for (let d = 0; d < dim; d++) norm += (v[d] as number) ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < dim; d++) v[d] = (v[d] as number) / norm;
    }
    out.push(v);
  }
  return out;
}
