/**
 * How a model wants to be used: pooling and query/passage prefixes. Read from the model
 * folder's own sentence-transformers files where they exist (`1_Pooling/config.json`,
 * `config_sentence_transformers.json` prompts); otherwise from a small table of families,
 * matched on the model's own name (the last path segment), anchored, so that "Xenova/" or a
 * Chinese BGE never picks up the English BGE prompt.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelInfo } from './embedder.js';

export type Conventions = Pick<ModelInfo, 'pooling' | 'queryPrefix' | 'passagePrefix'>;

const BGE_EN_QUERY = 'Represent this sentence for searching relevant passages: ';

/** Families by the model's own name (lower case). First match wins. */
const FAMILIES: ReadonlyArray<{ name: RegExp; conventions: Conventions }> = [
  {
    name: /^bge-(small|base|large)-en(-v1\.5)?$/,
    conventions: { pooling: 'cls', queryPrefix: BGE_EN_QUERY, passagePrefix: '' },
  },
  {
    name: /^bge-(small|base|large)-zh(-v1\.5)?$/,
    conventions: { pooling: 'cls', queryPrefix: '', passagePrefix: '' },
  },
  { name: /^bge-m3$/, conventions: { pooling: 'cls', queryPrefix: '', passagePrefix: '' } },
  {
    name: /^(multilingual-)?e5-(small|base|large)(-v2)?$/,
    conventions: { pooling: 'mean', queryPrefix: 'query: ', passagePrefix: 'passage: ' },
  },
  {
    name: /^nomic-embed-text-v1(\.5)?$/,
    conventions: { pooling: 'mean', queryPrefix: 'search_query: ', passagePrefix: 'search_document: ' },
  },
];

const MEAN: Conventions = { pooling: 'mean', queryPrefix: '', passagePrefix: '' };

/** The table's conventions for a model id such as "Xenova/bge-small-en-v1.5". */
export function modelConventions(modelId: string): Conventions {
  const name = (modelId.split(/[\\/]/).at(-1) ?? modelId).toLowerCase();
  return FAMILIES.find((f) => f.name.test(name))?.conventions ?? MEAN;
}

function readJson(path: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Conventions from a model folder's own files, falling back to the table for what they do not say. */
export function conventionsFromFolder(dir: string | undefined, modelId: string): Conventions {
  const table = modelConventions(modelId);
  if (!dir) return table;
  const pooling = readJson(join(dir, '1_Pooling', 'config.json'));
  const st = readJson(join(dir, 'config_sentence_transformers.json'));
  const prompts = (st?.prompts ?? undefined) as Record<string, unknown> | undefined;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    pooling:
      pooling?.pooling_mode_cls_token === true
        ? 'cls'
        : pooling?.pooling_mode_mean_tokens === true
          ? 'mean'
          : table.pooling,
    queryPrefix: prompts ? (text(prompts.query) ?? '') : table.queryPrefix,
    passagePrefix: prompts
      ? (text(prompts.passage) ?? text(prompts.document) ?? text(prompts.corpus) ?? '')
      : table.passagePrefix,
  };
}
