/**
 * The index manifest: which model and chunker built the index. Checked whenever a model is
 * loaded or chosen, so an index is never searched with vectors from another model.
 */

import { type ChunkStore, type IndexManifest, SCHEMA_VERSION } from '../backends/index.js';
import { CHUNK_OVERLAP_SENTENCES, DEFAULT_PASSAGE_CONTEXT } from '../chunk/index.js';
import type { SemsearchConfig } from '../config.js';
import { DEFAULT_MODEL_ID, type ModelInfo } from '../embed/index.js';
import { SearchError } from '../errors.js';

/** The model as the --model option names it. */
export function modelArgument(info: Pick<ModelInfo, 'modelId'>): string {
  return info.modelId === DEFAULT_MODEL_ID ? 'default' : info.modelId;
}

function requestedModelId(model: string): string {
  return model === 'default' ? DEFAULT_MODEL_ID : model;
}

export interface ModelChoice {
  config: Readonly<SemsearchConfig>;
  /** Whether the user chose the model / dtype rather than taking the default. */
  explicitModel: boolean;
  explicitDtype: boolean;
  location: string;
}

/** Throw INDEX_MODEL_MISMATCH when the chosen (or loaded) model is not the index's. */
export function checkManifest(manifest: IndexManifest, choice: ModelChoice, loaded?: ModelInfo): void {
  const { config, location } = choice;
  if (manifest.schemaVersion > SCHEMA_VERSION) {
    throw new SearchError(
      'INDEX_SCHEMA_MISMATCH',
      `The index in ${location} has schema ${manifest.schemaVersion}, newer than this semsearch (${SCHEMA_VERSION}); upgrade semsearch or re-ingest into a new index.`,
    );
  }
  const wantId =
    loaded?.modelId ?? (choice.explicitModel ? requestedModelId(config.model) : manifest.model.modelId);
  const wantDtype = loaded?.dtype ?? (choice.explicitDtype ? config.dtype : manifest.model.dtype);
  const dimensionOk = loaded === undefined || loaded.dimension === manifest.model.dimension;
  const sameModel = wantId === manifest.model.modelId && wantDtype === manifest.model.dtype && dimensionOk;
  if (sameModel && loaded && loaded.quantization !== manifest.model.quantization) {
    // Same model and dtype, other weights: the int8 model changed between semsearch versions.
    const was = manifest.model.quantization
      ? `quantized as "${manifest.model.quantization}"`
      : 'quantized by an earlier semsearch (int8 vectors that could differ from one CPU to another)';
    const now = loaded.quantization ? `quantized as "${loaded.quantization}"` : 'quantized another way';
    throw new SearchError(
      'INDEX_MODEL_MISMATCH',
      `The index in ${location} was built with ${manifest.model.modelId} (${manifest.model.dtype}) ${was}; the model now is ${now}, its vectors differ, and one index cannot mix the two. Rebuild it: delete ${location} and run semsearch ingest.`,
      {
        details: {
          indexModel: manifest.model,
          requested: {
            modelId: loaded.modelId,
            dtype: loaded.dtype,
            quantization: loaded.quantization ?? null,
          },
        },
      },
    );
  }
  if (!sameModel) {
    throw new SearchError(
      'INDEX_MODEL_MISMATCH',
      `The index in ${location} was built with ${manifest.model.modelId} (${manifest.model.dtype}, ${manifest.model.dimension} dimensions), not ${wantId} (${wantDtype}). Use --model ${modelArgument(manifest.model)} --dtype ${manifest.model.dtype}, or rebuild it: delete ${location} and run semsearch ingest.`,
      { details: { indexModel: manifest.model, requested: { modelId: wantId, dtype: wantDtype } } },
    );
  }
}

/** The manifest, created from the loaded model on the first write into an empty index. */
export async function ensureManifest(
  store: ChunkStore,
  info: ModelInfo,
  chunkMaxTokens: number,
  passageContext: SemsearchConfig['passageContext'] = DEFAULT_PASSAGE_CONTEXT,
): Promise<IndexManifest> {
  const existing = await store.manifest();
  if (existing) return existing;
  const manifest: IndexManifest = {
    schemaVersion: SCHEMA_VERSION,
    model: { ...info },
    chunker: {
      maxTokens: Math.min(chunkMaxTokens, info.maxTokens - 2),
      overlapSentences: CHUNK_OVERLAP_SENTENCES,
      titlePrefix: passageContext !== 'none',
      // Written only when on, so the settings (and content hashes) of older indexes stay as they were.
      ...(passageContext === 'title+lede' ? { ledePrefix: true } : {}),
    },
    createdAt: new Date().toISOString(),
  };
  await store.initManifest(manifest);
  return manifest;
}
