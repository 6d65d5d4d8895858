/**
 * The q8 model's integer arithmetic is exact on every x86-64 CPU, checked in exact integers;
 * and an index of another quantization is refused, never searched with mixed vectors.
 */
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/backends/index.js';
import { resolveConfig } from '../../src/config.js';
import { type ModelInfo, Q8_QUANTIZATION } from '../../src/embed/index.js';
import {
  activationCodeMax,
  formOf,
  type Int8Form,
  PAIR_SUM_MAX,
  pairSumMax,
  Q8_FORMS,
  quantizePerColumn,
} from '../../src/embed/int8-matmul.js';
import { checkManifest, type ModelChoice } from '../../src/engine/index.js';

/** (v)pmaddubsw on one pair: u8 × s8 twice, added with signed saturation to int16. */
const pmaddubsw = (a0: number, w0: number, a1: number, w1: number) =>
  Math.max(-32_768, Math.min(32_767, a0 * w0 + a1 * w1));

/** Every pair of activation codes against the extreme weights: the pair sums (v)pmaddubsw saturates. */
function saturatedPairs(form: Int8Form): number {
  const top = activationCodeMax(form);
  const w = form.weightMax;
  let saturated = 0;
  for (let a0 = 0; a0 <= top; a0++)
    for (let a1 = 0; a1 <= top; a1++)
      for (const [w0, w1] of [
        [w, w],
        [-w, -w],
        [w, -w],
      ] as const)
        if (pmaddubsw(a0, w0, a1, w1) !== a0 * w0 + a1 * w1) saturated++;
  return saturated;
}

describe('int8 pair sums', () => {
  it('no pair of products the q8 model can form saturates an int16, on any CPU', () => {
    for (const form of Object.values(Q8_FORMS)) {
      expect(pairSumMax(form)).toBeLessThanOrEqual(PAIR_SUM_MAX);
      expect(saturatedPairs(form)).toBe(0);
    }
    expect(pairSumMax(Q8_FORMS.wide)).toBe(2 * 255 * 63);
    expect(pairSumMax(Q8_FORMS.feedForwardOut)).toBe(2 * 128 * 127);
  });

  it('the full ranges converter version 2 used do saturate (the cause of the AVX2 rankings)', () => {
    const full = { activationMax: 255, weightMax: 127 };
    expect(pairSumMax(full)).toBe(64_770);
    // Two codes past 129 against weights at 127 are past it: activations centred near code
    // 128 (a zero point of about 128) meet that on every other token.
    expect(pmaddubsw(129, 127, 129, 127)).toBe(32_766);
    expect(pmaddubsw(130, 127, 129, 127)).toBe(32_767);
    expect(saturatedPairs(full)).toBeGreaterThan(10_000);
  });

  it('an activation code stays within activationMax + 1, however a row rounds', () => {
    // The graph's arithmetic in float32: step = (hi − lo) / A, zero point round(−lo / step),
    // code round(x / step) + zero point, rounding half to even as ONNX Runtime does.
    const f = Math.fround;
    const roundEven = (v: number) => {
      const r = Math.round(v);
      return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
    };
    const codes = (row: number[], A: number) => {
      const hi = Math.max(...row, 0);
      const lo = Math.min(...row, 0);
      const step = Math.max(f(f(hi - lo) / A), 1e-30);
      const zero = Math.min(A, Math.max(0, roundEven(f(-lo / step))));
      return row.map((x) => Math.min(255, Math.max(0, roundEven(f(x / step)) + zero)));
    };
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (const form of Object.values(Q8_FORMS)) {
      const A = form.activationMax;
      // A row symmetric about 0 puts both ends near a half: the one extra code is reached.
      const symmetric = Array.from({ length: 50 }, (_, i) => f((i + 1) * 0.37));
      expect(symmetric.map((m) => Math.max(...codes([-m, m], A)))).toContain(activationCodeMax(form));
      for (let i = 0; i < 2000; i++) {
        const skew = random() * 4 - 2;
        const row = Array.from({ length: 16 }, () => f((random() * 2 - 1) * 10 ** skew + skew));
        expect(Math.max(...codes(row, A))).toBeLessThanOrEqual(activationCodeMax(form));
      }
    }
  });

  it('weights stay within the form of their MatMul', () => {
    expect(formOf('encoder.layer.3.output.dense')).toBe(Q8_FORMS.feedForwardOut);
    for (const prefix of [
      'encoder.layer.3.attention.self.query',
      'encoder.layer.3.attention.self.key',
      'encoder.layer.3.attention.self.value',
      'encoder.layer.3.attention.output.dense',
      'encoder.layer.3.intermediate.dense',
    ])
      expect(formOf(prefix)).toBe(Q8_FORMS.wide);
    const rows = 64;
    const cols = 8;
    const w = Float32Array.from({ length: rows * cols }, (_, i) => Math.sin(i * 12.9898) * (1 + (i % 5)));
    for (const limit of [63, 127]) {
      const { q, scale } = quantizePerColumn(w, rows, cols, limit);
      expect(Math.max(...Array.from(q, Math.abs))).toBe(limit);
      // Nearest rounding: each weight within half a step of its column's grid.
      w.forEach((v, i) => {
        expect(Math.abs(v - (q[i] as number) * (scale[i % cols] as number))).toBeLessThanOrEqual(
          (scale[i % cols] as number) / 2 + 1e-6,
        );
      });
    }
  });
});

describe('an index remembers its quantization', () => {
  const base: ModelInfo = {
    modelId: 'sentence-transformers/all-MiniLM-L6-v2',
    dtype: 'q8',
    dimension: 384,
    pooling: 'mean',
    normalize: true,
    queryPrefix: '',
    passagePrefix: '',
    maxTokens: 256,
  };
  const choice: ModelChoice = {
    config: resolveConfig({}),
    explicitModel: false,
    explicitDtype: false,
    location: '/tmp/some-index',
  };
  const manifest = (model: ModelInfo) => ({
    schemaVersion: SCHEMA_VERSION,
    model,
    chunker: { maxTokens: 200, overlapSentences: 1, titlePrefix: true },
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  const current: ModelInfo = { ...base, quantization: Q8_QUANTIZATION };

  it('refuses an index of the earlier q8 model once the current one is loaded, saying what to do', () => {
    const old = manifest(base);
    // Before the model is loaded there is nothing to compare: the check comes with the model.
    expect(() => checkManifest(old, choice)).not.toThrow();
    let error: unknown;
    try {
      checkManifest(old, choice, current);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: 'INDEX_MODEL_MISMATCH',
      message: expect.stringMatching(/earlier semsearch.*delete \/tmp\/some-index and run semsearch ingest/),
      details: { requested: { quantization: Q8_QUANTIZATION } },
    });
  });

  it('accepts an index of the same quantization, and fp32 indexes as they were', () => {
    expect(() => checkManifest(manifest(current), choice, current)).not.toThrow();
    const fp32 = { ...base, dtype: 'fp32' };
    expect(() => checkManifest(manifest(fp32), choice, fp32)).not.toThrow();
    // A later quantization is refused as well.
    expect(() =>
      checkManifest(manifest({ ...base, quantization: 'something-newer' }), choice, current),
    ).toThrow(/quantized as "something-newer"/);
  });
});
