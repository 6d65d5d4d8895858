/** How the chunker counts tokens: the model's own tokenizer in production, a fake in unit tests. */
export interface TokenCounter {
  /** Tokens in `text`, without the model's special tokens ([CLS], [SEP]). */
  countTokens(text: string): number;
  /**
   * The token ids of `text` (special tokens excluded), when the counter is the model's own
   * tokenizer and the model can take them back (see `Embedder.embedPassages`): the chunker
   * then tokenizes each sentence once for both counting and embedding.
   */
  tokenIds?: ((text: string) => readonly number[]) | undefined;
}

/**
 * Counts words and punctuation marks the way a BERT basic tokenizer splits them (one token
 * each, no word pieces): deterministic, fast, and never more than a WordPiece count.
 */
export function createWordTokenCounter(): TokenCounter {
  return {
    countTokens: (text) => text.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu)?.length ?? 0,
  };
}
