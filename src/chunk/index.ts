/** Chunk stage: Articles in, passages within the model's token budget out, offsets kept. */
export {
  CHUNK_OVERLAP_SENTENCES,
  type ChunkOptions,
  chunkArticle,
  chunkArticleInSlices,
  type PassageDraft,
} from './chunker.js';
export {
  articleLede,
  contextLines,
  contextualText,
  DEFAULT_PASSAGE_CONTEXT,
  LEDE_MAX_WORDS,
  type PassageContext,
  type PassageContextSetting,
} from './passage-context.js';
export { type Span, sentenceSpans, wordSpans } from './sentences.js';
export { createWordTokenCounter, type TokenCounter } from './token-counter.js';
