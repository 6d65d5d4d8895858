/**
 * The Embedder on transformers.js (ONNX Runtime, CPU): the default model from the local
 * cache, a local model folder, or a hub id when the machine is online. The only module that
 * uses @huggingface/transformers (loaded by load-transformers.ts on first use).
 */
import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { PreTrainedModel, PreTrainedTokenizer, Tensor } from '@huggingface/transformers';
import type { TokenCounter } from '../chunk/index.js';
import { SearchError } from '../errors.js';
import {
  convertedQuantization,
  DEFAULT_MODEL_ID,
  DEFAULT_MODEL_MAX_TOKENS,
  prepareDefaultModel,
} from './default-model.js';
import { type Embedder, type ModelInfo, poolAndNormalize } from './embedder.js';
import { saveTransformersCodeCache, transformers } from './load-transformers.js';
import { localModelCache } from './local-model-cache.js';
import { conventionsFromFolder } from './model-conventions.js';
import { acceptsIds, contentIds, idsInput } from './token-ids.js';

/** Most queries embedded in one forward pass when requests pile up. */
export const QUERY_BATCH_MAX = 32;

export interface TransformersEmbedderOptions {
  /** "default", a hub id such as "Xenova/bge-small-en-v1.5", or a local model folder. @default "default" */
  model?: string;
  /** @default "q8" */
  dtype?: 'fp32' | 'q8';
  /** Where the default model is converted to. */
  cacheDir: string;
  /** Inputs per forward pass. @default 32 */
  batchSize?: number;
  /** Cap on tokens per input (special tokens included). @default the model's limit, 256 for the default */
  maxTokens?: number;
  log?: ((line: string) => void) | undefined;
}

/** A tokenized batch and the raw forward pass, exposed for benchmarks. */
export interface RawForward {
  tokenize(texts: readonly string[]): Record<string, Tensor>;
  forward(inputs: Record<string, Tensor>): Promise<Tensor>;
}

interface Loaded {
  tokenizer: PreTrainedTokenizer;
  model: PreTrainedModel;
  modelId: string;
  /** The model's folder on disk, when it was loaded from one. */
  dir: string | undefined;
  maxTokens: number;
}

/** Where the model comes from: the name transformers.js loads, its id, and its folder. */
async function locate(
  options: TransformersEmbedderOptions,
): Promise<{ name: string; modelId: string; dir: string | undefined }> {
  const requested = options.model ?? 'default';
  const { env } = transformers(options.cacheDir);
  if (requested === 'default' || requested === DEFAULT_MODEL_ID) {
    const { dir } = await prepareDefaultModel(options.cacheDir, { log: options.log });
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = `${dirname(dir)}/`;
    env.useCustomCache = true;
    env.customCache = localModelCache(dir);
    return { name: basename(dir), modelId: DEFAULT_MODEL_ID, dir };
  }
  if (existsSync(requested)) {
    const dir = resolve(requested);
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = `${dirname(dir)}/`;
    env.useCustomCache = true;
    env.customCache = localModelCache(dir);
    return { name: basename(dir), modelId: dir, dir };
  }
  env.allowRemoteModels = true;
  env.allowLocalModels = false;
  env.useCustomCache = false;
  return { name: requested, modelId: requested, dir: undefined };
}

function notAvailable(options: TransformersEmbedderOptions, cause: unknown): SearchError {
  return new SearchError(
    'MODEL_NOT_AVAILABLE',
    `Cannot load model "${options.model ?? 'default'}" (${options.dtype ?? 'q8'}): ${(cause as Error).message}. Use --model default (works offline), a local folder with config.json, tokenizer.json and onnx/, or a hub id when online.`,
    { cause },
  );
}

function tokenBudget(tokenizer: PreTrainedTokenizer, modelId: string, maxTokens: number | undefined): number {
  const limit = Number(tokenizer.model_max_length);
  const modelMax = Number.isFinite(limit) && limit > 0 && limit < 100_000 ? limit : 512;
  const fallback = modelId === DEFAULT_MODEL_ID ? DEFAULT_MODEL_MAX_TOKENS : modelMax;
  return Math.min(maxTokens ?? fallback, modelMax);
}

async function load(options: TransformersEmbedderOptions): Promise<Loaded> {
  const dtype = options.dtype ?? 'q8';
  const { name, modelId, dir } = await locate(options);
  const { AutoModel, AutoTokenizer } = transformers();
  try {
    const tokenizer = await AutoTokenizer.from_pretrained(name);
    const model = await AutoModel.from_pretrained(name, {
      dtype,
      device: 'cpu',
      // ONNX Runtime's pool threads spin while idle by default; on a small machine that steals
      // the cores the JavaScript thread needs for tokenizing, SQLite and HTTP.
      session_options: { extra: { session: { intra_op: { allow_spinning: '0' } } } },
    });
    saveTransformersCodeCache();
    return { tokenizer, model, modelId, dir, maxTokens: tokenBudget(tokenizer, modelId, options.maxTokens) };
  } catch (cause) {
    throw notAvailable(options, cause);
  }
}

/**
 * The model's tokenizer alone, for counting tokens (and, where the model takes them, keeping
 * their ids) on a thread that does not run the model (the worker embedder's caller: the
 * chunker and the query-length check count synchronously).
 */
export async function createTransformersTokenCounter(
  options: TransformersEmbedderOptions,
): Promise<TokenCounter> {
  const { name, modelId, dir } = await locate(options);
  const { AutoTokenizer } = transformers();
  try {
    const tokenizer = await AutoTokenizer.from_pretrained(name);
    const tokenIds = contentIds(tokenizer);
    // Ids only where the worker's model will take them (the same test it makes).
    const { passagePrefix } = conventionsFromFolder(dir, modelId);
    return {
      countTokens: (text) => tokenIds(text).length,
      tokenIds: acceptsIds(tokenizer, passagePrefix) ? tokenIds : undefined,
    };
  } catch (cause) {
    throw notAvailable(options, cause);
  }
}

export async function createTransformersEmbedder(
  options: TransformersEmbedderOptions,
): Promise<Embedder & { raw: RawForward }> {
  const loaded = await load(options);
  const { tokenizer, model, maxTokens } = loaded;
  const batchSize = options.batchSize ?? 32;
  const conventions = conventionsFromFolder(loaded.dir, loaded.modelId);
  const config = model.config as unknown as { hidden_size?: number };
  const dimension = config.hidden_size ?? 0;
  const dtype = options.dtype ?? 'q8';
  // Recorded for the q8 model semsearch converted, so that indexes of another quantization are refused.
  const quantization = dtype === 'q8' && loaded.dir ? convertedQuantization(loaded.dir) : undefined;
  const info: ModelInfo = Object.freeze({
    modelId: loaded.modelId,
    dtype,
    dimension,
    normalize: true,
    maxTokens,
    ...conventions,
    ...(quantization ? { quantization } : {}),
  });

  const tokenize = (texts: readonly string[]) =>
    tokenizer([...texts], { padding: true, truncation: true, max_length: maxTokens }) as unknown as Record<
      string,
      Tensor
    >;
  const tokenIds = contentIds(tokenizer);
  const countTokens = (text: string) => tokenIds(text).length;
  const fromIds = acceptsIds(tokenizer, info.passagePrefix)
    ? idsInput(tokenizer, maxTokens, info.passagePrefix ? tokenIds(info.passagePrefix) : [])
    : undefined;

  const forward = async (inputs: Record<string, Tensor>): Promise<Tensor> => {
    const output = (await model(inputs)) as { last_hidden_state?: Tensor; token_embeddings?: Tensor };
    const hidden = output.last_hidden_state ?? output.token_embeddings;
    if (!hidden)
      throw new SearchError(
        'MODEL_NOT_AVAILABLE',
        `Model ${loaded.modelId} gives no last_hidden_state output.`,
      );
    return hidden;
  };

  const embedBatch = async (
    texts: readonly string[],
    ids?: ReadonlyArray<readonly number[]>,
  ): Promise<{ vectors: Float32Array[]; truncated: number }> => {
    const given = ids && fromIds ? fromIds(ids) : undefined;
    const inputs = given?.inputs ?? tokenize(texts);
    const hidden = await forward(inputs);
    const [batch, seq, dim] = hidden.dims as [number, number, number];
    const mask = (inputs.attention_mask as Tensor).data as BigInt64Array;
    // Only a row that fills the whole budget can have been cut; count just those again.
    let truncated = given?.truncated ?? 0;
    if (!given && seq >= maxTokens) {
      for (let b = 0; b < batch; b++) {
        if (Number(mask[b * seq + seq - 1]) === 1 && countTokens(texts[b] as string) + 2 > maxTokens)
          truncated++;
      }
    }
    return {
      vectors: poolAndNormalize(
        hidden.data as Float32Array,
        mask,
        batch,
        seq,
        dim,
        info.pooling,
        info.normalize,
      ),
      truncated,
    };
  };

  // Queries that arrive while a forward pass runs are embedded together in the next one:
  // under load one batched pass beats many passes fighting for the same two cores, and
  // requests are served in arrival order.
  const queries: Array<{ text: string; resolve: (v: Float32Array) => void; reject: (e: unknown) => void }> =
    [];
  let draining = false;
  const drainQueries = async () => {
    if (draining) return;
    draining = true;
    try {
      while (queries.length > 0) {
        const batch = queries.splice(0, QUERY_BATCH_MAX);
        try {
          const { vectors } = await embedBatch(batch.map((q) => q.text));
          batch.forEach((q, i) => {
            q.resolve(vectors[i] as Float32Array);
          });
        } catch (error) {
          for (const q of batch) q.reject(error);
        }
      }
    } finally {
      draining = false;
    }
  };

  return {
    info,
    countTokens,
    tokenIds: fromIds ? tokenIds : undefined,
    raw: { tokenize, forward },
    async embedPassages(texts, givenIds) {
      if (givenIds && givenIds.length !== texts.length)
        throw new Error(`embedPassages: ${givenIds.length} id lists for ${texts.length} texts`);
      const prefixed = texts.map((t) => info.passagePrefix + t);
      // A passage the chunker kept no ids for is tokenized here (without the prefix, which
      // the input builder adds to every row).
      const ids = givenIds && fromIds ? texts.map((t, i) => givenIds[i] ?? tokenIds(t)) : undefined;
      // Sorting by length keeps padding low inside a batch; results go back in input order.
      const order = prefixed
        .map((_, i) => i)
        .sort((a, b) => (prefixed[a] as string).length - (prefixed[b] as string).length);
      const vectors = new Array<Float32Array>(texts.length);
      let truncated = 0;
      for (let i = 0; i < order.length; i += batchSize) {
        const idx = order.slice(i, i + batchSize);
        const out = await embedBatch(
          idx.map((j) => prefixed[j] as string),
          ids && idx.map((j) => ids[j] as readonly number[]),
        );
        truncated += out.truncated;
        idx.forEach((j, k) => {
          vectors[j] = out.vectors[k] as Float32Array;
        });
      }
      return { vectors, truncated };
    },
    embedQuery(text) {
      return new Promise<Float32Array>((resolve, reject) => {
        queries.push({ text: info.queryPrefix + text, resolve, reject });
        void drainQueries();
      });
    },
    async dispose() {
      await model.dispose();
    },
  };
}
