import { describe, expect, it } from 'vitest';
import { exactHalfBytes, floatToHalf, halfToFloat } from '../../src/embed/safetensors.js';

describe('half precision', () => {
  it('round-trips every half value exactly (what keeps the fp16 word table bit-identical)', () => {
    for (let h = 0; h < 0x10000; h++) {
      const x = halfToFloat(h);
      if (Number.isNaN(x)) continue;
      expect(floatToHalf(x)).toBe(h);
    }
  });

  it('rounds a value between two halves to the nearer one', () => {
    expect(halfToFloat(floatToHalf(1 + 1 / 4096))).toBe(1); // below half an ulp (1/2048)
    expect(halfToFloat(floatToHalf(1 + 3 / 2048))).toBe(1 + 2 / 1024);
  });

  it('gives the bytes only when every value is exactly a half', () => {
    const halves = Float32Array.of(0, -2, 0.5, 65504, halfToFloat(0x0001));
    const bytes = exactHalfBytes(halves);
    expect(bytes).toBeDefined();
    const back = new Uint16Array((bytes as Uint8Array).buffer);
    expect(Array.from(back, halfToFloat)).toEqual(Array.from(halves));
    expect(exactHalfBytes(Float32Array.of(0.5, 0.1))).toBeUndefined();
  });
});
