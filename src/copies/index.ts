/** Copies: fingerprints of article text and the finder that puts copies into one story. */
export {
  type CopyFacts,
  type CopyFinder,
  type CopyKind,
  type CopyMatch,
  createCopyFinder,
  NEAR_COPY_THRESHOLD,
  SKETCH_BANDS,
} from './copy-finder.js';
export {
  embeddingKey,
  normalizedWords,
  SHINGLE_WORDS,
  SKETCH_HASHES,
  shingleJaccard,
  sketchBytes,
  sketchFromBytes,
  sketchInSlices,
  sketchOf,
  sketchSimilarity,
  textHash,
} from './fingerprint.js';
