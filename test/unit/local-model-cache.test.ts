import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localModelCache } from '../../src/embed/local-model-cache.js';
import { tempDir } from '../helpers.js';

describe('local model cache', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const dir = join(tmp.dir, 'models', 'tiny-bert');
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'config.json'), '{"hidden_size":8}');
  writeFileSync(join(dir, 'onnx', 'model_quantized.onnx'), 'not read here');
  const cache = localModelCache(dir);

  it('answers the model with its path and a JSON file with its bytes', async () => {
    expect(await cache.match(join(dir, 'onnx', 'model_quantized.onnx'))).toBe(
      join(dir, 'onnx', 'model_quantized.onnx'),
    );
    const config = await cache.match(join(dir, 'config.json'));
    expect(config).toBeInstanceOf(Response);
    expect(await (config as Response).json()).toEqual({ hidden_size: 8 });
  });

  it('maps the hub URL of a file to the folder, the key transformers.js asks for a path by', async () => {
    expect(await cache.match('https://huggingface.co/tiny-bert/resolve/main/onnx/model_quantized.onnx')).toBe(
      join(dir, 'onnx', 'model_quantized.onnx'),
    );
  });

  it('knows nothing of missing files, folders, or other models', async () => {
    expect(await cache.match(join(dir, 'tokenizer.json'))).toBeUndefined();
    expect(await cache.match(join(dir, 'onnx'))).toBeUndefined();
    expect(await cache.match('https://huggingface.co/other/resolve/main/config.json')).toBeUndefined();
    expect(await cache.match(join(tmp.dir, 'models', 'tiny-bert-2', 'config.json'))).toBeUndefined();
  });
});
