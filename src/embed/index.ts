/** Embed stage: text in, unit vectors out, through the Embedder seam. */
export {
  CONVERTER_VERSION,
  convertedQuantization,
  DEFAULT_MODEL_ID,
  DEFAULT_MODEL_MAX_TOKENS,
  isModelCacheValid,
  type PrepareResult,
  prepareDefaultModel,
  SOURCE_SHA256,
} from './default-model.js';
export {
  type Embedder,
  type ModelInfo,
  type PassageEmbeddings,
  type Pooling,
  poolAndNormalize,
} from './embedder.js';
export { createFakeEmbedder } from './fake-embedder.js';
export { Q8_QUANTIZATION } from './int8-matmul.js';
export { type Conventions, conventionsFromFolder, modelConventions } from './model-conventions.js';
export {
  createTransformersEmbedder,
  createTransformersTokenCounter,
  QUERY_BATCH_MAX,
  type RawForward,
  type TransformersEmbedderOptions,
} from './transformers-embedder.js';
export { createWorkerEmbedder } from './worker-embedder.js';
