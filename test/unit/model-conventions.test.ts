import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { conventionsFromFolder, modelConventions } from '../../src/embed/index.js';
import { tempDir } from '../helpers.js';

describe('model conventions', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('gives the English BGE query prompt to English BGE models only', () => {
    expect(modelConventions('Xenova/bge-small-en-v1.5')).toMatchObject({
      pooling: 'cls',
      queryPrefix: expect.stringContaining('Represent this sentence'),
    });
    expect(modelConventions('BAAI/bge-base-en')).toMatchObject({ pooling: 'cls' });
    // "Xenova" contains "en": it must not make a Chinese or multilingual BGE English.
    expect(modelConventions('Xenova/bge-small-zh-v1.5')).toEqual({
      pooling: 'cls',
      queryPrefix: '',
      passagePrefix: '',
    });
    expect(modelConventions('Xenova/bge-m3')).toEqual({ pooling: 'cls', queryPrefix: '', passagePrefix: '' });
  });

  it('knows e5 and nomic prefixes, and defaults to mean pooling without prefixes', () => {
    expect(modelConventions('Xenova/e5-small-v2')).toEqual({
      pooling: 'mean',
      queryPrefix: 'query: ',
      passagePrefix: 'passage: ',
    });
    expect(modelConventions('nomic-ai/nomic-embed-text-v1.5').queryPrefix).toBe('search_query: ');
    expect(modelConventions('sentence-transformers/all-MiniLM-L6-v2')).toEqual({
      pooling: 'mean',
      queryPrefix: '',
      passagePrefix: '',
    });
    expect(modelConventions('Xenova/not-an-e5-model')).toMatchObject({ queryPrefix: '' });
  });

  it("reads a model folder's own pooling and prompts before the table", () => {
    const dir = join(tmp.dir, 'my-model');
    mkdirSync(join(dir, '1_Pooling'), { recursive: true });
    writeFileSync(
      join(dir, '1_Pooling', 'config.json'),
      JSON.stringify({ pooling_mode_cls_token: true, pooling_mode_mean_tokens: false }),
    );
    writeFileSync(
      join(dir, 'config_sentence_transformers.json'),
      JSON.stringify({ prompts: { query: 'Q: ', document: 'D: ' } }),
    );
    expect(conventionsFromFolder(dir, dir)).toEqual({
      pooling: 'cls',
      queryPrefix: 'Q: ',
      passagePrefix: 'D: ',
    });
    // A folder without those files falls back to the table by its name.
    const plain = join(tmp.dir, 'e5-small-v2');
    mkdirSync(plain);
    expect(conventionsFromFolder(plain, plain)).toMatchObject({ queryPrefix: 'query: ' });
  });
});
