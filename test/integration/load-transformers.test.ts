/**
 * transformers.js loaded through its CommonJS build without sharp (src/embed/load-transformers.ts;
 * the code cache it loads with is tested in test/unit/code-cache.test.ts). Here and not in the
 * unit tier because loading transformers.js loads onnxruntime-node, the model's runtime.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { transformers } from '../../src/embed/load-transformers.js';

describe('transformers.js without sharp', () => {
  it('gives sharp back to the rest of the process once transformers.js has loaded', () => {
    const loaded = transformers();
    expect(typeof loaded.AutoTokenizer).toBe('function');
    const fromTransformers = createRequire(
      createRequire(import.meta.url).resolve('@huggingface/transformers'),
    );
    const sharpFile = fromTransformers.resolve('sharp');
    expect(fromTransformers.cache[sharpFile]?.exports).not.toSatisfy(
      (e: unknown) => typeof e === 'function' && (e as { name: string }).name === 'noImages',
    );
  });
});
