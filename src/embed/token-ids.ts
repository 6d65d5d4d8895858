/**
 * Token ids on the model's own tokenizer: the ids the chunker keeps while it counts, whether
 * the model can take them back as its input, and that input built from them.
 */
import type { PreTrainedTokenizer, Tensor } from '@huggingface/transformers';
import { transformers } from './load-transformers.js';

/** A text's token ids without the special tokens: what counts toward the chunker's budget. */
export function contentIds(tokenizer: PreTrainedTokenizer): (text: string) => number[] {
  return (text) => tokenizer.encode(text, { add_special_tokens: false });
}

/**
 * Whether ids of text joined at white space are the joined ids of its parts, so that the
 * chunker's ids can stand for the tokenizer's: a WordPiece model after BERT's normalizer and
 * pre-tokenizer (which split at white space and punctuation before anything else), a
 * `[CLS] $A [SEP]` template, right padding, and a passage prefix that ends at a split (white
 * space or punctuation). Held by a test against the tokenizer on real text.
 */
export function acceptsIds(tokenizer: PreTrainedTokenizer, passagePrefix: string): boolean {
  const json = (tokenizer as unknown as { _tokenizerJSON?: TokenizerJson })._tokenizerJSON;
  const single = json?.post_processor?.single;
  const template =
    single?.length === 3 &&
    single[0]?.SpecialToken?.type_id === 0 &&
    single[1]?.Sequence?.id === 'A' &&
    single[1].Sequence.type_id === 0 &&
    single[2]?.SpecialToken?.type_id === 0;
  return (
    json?.model?.type === 'WordPiece' &&
    json.pre_tokenizer?.type === 'BertPreTokenizer' &&
    (!json.normalizer || json.normalizer.type === 'BertNormalizer') &&
    json.post_processor?.type === 'TemplateProcessing' &&
    template &&
    (tokenizer as unknown as { padding_side?: string }).padding_side === 'right' &&
    tokenizer.encode('').length === 2 &&
    (passagePrefix === '' || /[\s\p{P}]$/u.test(passagePrefix))
  );
}

/**
 * Model input built from token ids the caller already has (the chunker's), the way the
 * tokenizer's own call builds it: [CLS] prefix ids [SEP], cut to the budget from the end (so a
 * cut row loses its [SEP], as the tokenizer's truncation does), padded on the right.
 */
export function idsInput(
  tokenizer: PreTrainedTokenizer,
  maxTokens: number,
  prefix: readonly number[],
): (rows: ReadonlyArray<readonly number[]>) => { inputs: Record<string, Tensor>; truncated: number } {
  const [open, close] = tokenizer.encode('') as [number, number];
  const t = tokenizer as unknown as { pad_token_id?: number; model_max_length?: number };
  const pad = BigInt(t.pad_token_id ?? 0);
  const budget = Math.min(maxTokens, t.model_max_length ?? Number.POSITIVE_INFINITY);
  const { Tensor } = transformers();
  return (rows) => {
    const lengths = rows.map((r) => Math.min(r.length + prefix.length + 2, budget));
    const seq = Math.max(...lengths);
    const n = rows.length * seq;
    const inputIds = new BigInt64Array(n).fill(pad);
    const mask = new BigInt64Array(n);
    let truncated = 0;
    rows.forEach((row, b) => {
      const base = b * seq;
      const length = lengths[b] as number;
      if (row.length + prefix.length + 2 > budget) truncated++;
      let k = 0;
      const put = (id: number) => {
        if (k < length) inputIds[base + k++] = BigInt(id);
      };
      put(open);
      for (const id of prefix) put(id);
      for (const id of row) {
        if (k >= length) break;
        put(id);
      }
      put(close);
      mask.fill(1n, base, base + length);
    });
    const dims = [rows.length, seq];
    return {
      inputs: {
        input_ids: new Tensor('int64', inputIds, dims),
        attention_mask: new Tensor('int64', mask, dims),
        token_type_ids: new Tensor('int64', new BigInt64Array(n), dims),
      },
      truncated,
    };
  };
}

interface TemplatePiece {
  SpecialToken?: { type_id?: number };
  Sequence?: { id?: string; type_id?: number };
}

interface TokenizerJson {
  model?: { type?: string };
  pre_tokenizer?: { type?: string } | null;
  normalizer?: { type?: string } | null;
  post_processor?: { type?: string; single?: TemplatePiece[] } | null;
}
