/**
 * The int8 weight MatMul of the q8 graph, built so that its integer arithmetic is exact, and
 * its vectors the same, on every x86-64 CPU.
 *
 * ONNX Runtime's MatMulInteger multiplies uint8 activations by int8 weights. On x86-64 CPUs
 * without VNNI (AVX2, AVX-512 before Cascade Lake, SSE4.1) it does so with (v)pmaddubsw, which
 * adds each two neighbouring products into an int16 that saturates at ±32,767; VNNI, AMX and Arm
 * add into int32 and never saturate. So a result is the same everywhere only if no pair can pass
 * the int16: 2 · (largest activation code) · (largest weight code) ≤ 32,767. Full ranges
 * (2 · 255 · 127 = 64,770) pass it whenever two large codes meet, which with activations
 * centred near code 128 is all the time: on such CPUs the converter-2 model ranked the seed
 * questions at nDCG@5 0.655 instead of 0.738.
 */

import { type GraphBuilder, i64Bytes } from './onnx-graph.js';
import { DataType } from './onnx-proto.js';

/**
 * The code ranges of one int8 MatMul: activations 0..activationMax (uint8, per row,
 * asymmetric), weights ±weightMax (int8, per output column, symmetric).
 */
export interface Int8Form {
  activationMax: number;
  weightMax: number;
}

/** The int16 that (v)pmaddubsw adds two products into saturates past this. */
export const PAIR_SUM_MAX = 32_767;

/**
 * The two forms the q8 graph uses, chosen by measurement (scripts/quantization.ts): nearly
 * everywhere activations lose most at 7 bits, so they keep 8 and the weights take 7
 * (2 · 255 · 63 = 32,130); the feed-forward output's weights (1,536 inputs, from GELU) lose most
 * at 7 bits, so there the weights keep 8 and the activations take 7 (2 · 128 · 127 = 32,512).
 */
export const Q8_FORMS = {
  wide: { activationMax: 255, weightMax: 63 },
  feedForwardOut: { activationMax: 127, weightMax: 127 },
} as const satisfies Record<string, Int8Form>;

/**
 * The largest code an activation can get: a row's range is mapped onto 0..activationMax, and
 * its two ends each round by at most ½, so one more at most (a uint8 stops at 255).
 */
export function activationCodeMax(form: Int8Form): number {
  return Math.min(255, form.activationMax + 1);
}

/** The largest magnitude a pair of products can reach in (v)pmaddubsw's int16. */
export function pairSumMax(form: Int8Form): number {
  return 2 * activationCodeMax(form) * form.weightMax;
}

/**
 * Names the q8 graph's quantization. It is recorded with the converted model and, through the
 * model's info, in every index built with it, so that vectors of another quantization are
 * never mixed with these.
 */
export const Q8_QUANTIZATION = 'int8-rows-pairsafe';

/**
 * 'rows': the q8 graph. 'tensor127': what converter version 2 built (one DynamicQuantizeLinear
 * over the whole batch, weights ±127; it saturates on CPUs without VNNI), kept only to measure
 * against.
 */
export type Q8Scheme = 'rows' | 'tensor127';

/** Symmetric int8 per output column of W [in, out]: W ≈ q × scale[col], |q| ≤ limit. */
export function quantizePerColumn(
  w: Float32Array,
  rows: number,
  cols: number,
  limit: number,
): { q: Int8Array; scale: Float32Array } {
  const scale = new Float32Array(cols);
  for (let c = 0; c < cols; c++) {
    let max = 0;
    for (let r = 0; r < rows; r++) max = Math.max(max, Math.abs(w[r * cols + c] as number));
    scale[c] = max > 0 ? max / limit : 1;
  }
  const q = new Int8Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = Math.round((w[r * cols + c] as number) / (scale[c] as number));
      q[r * cols + c] = Math.max(-limit, Math.min(limit, v));
    }
  }
  return { q, scale };
}

/** The form of a BERT weight MatMul: the feed-forward output takes the narrow activations. */
export function formOf(prefix: string): Int8Form {
  return /\.layer\.\d+\.output\.dense$/.test(prefix) ? Q8_FORMS.feedForwardOut : Q8_FORMS.wide;
}

export interface WeightMatMul {
  /** Input [batch, seq, inputs]. */
  x: string;
  /** The weight's name prefix, e.g. "encoder.layer.0.attention.self.query". */
  prefix: string;
  /** W [inputs, outputs], row-major. */
  weight: Float32Array;
  inputs: number;
  outputs: number;
  bias: string;
}

/**
 * A builder of int8 weight MatMuls, y = x · W + bias, in graph `g`.
 *
 * 'rows': each row r of x (one token) is quantized on its own at run time, with step
 * s_r = (max(x_r, 0) − min(x_r, 0)) / A and zero point z_r = round(−min(x_r, 0) / s_r): codes
 * a = round(x / s_r) + z_r. One range for the whole batch, as DynamicQuantizeLinear takes, lets
 * the few tokens with huge activations set the step for every other, and makes a text's vector
 * depend on the texts batched with it. MatMulInteger takes one zero point for all rows, so it
 * gets none, and each row's is taken off after:
 *
 *   y_r = s_r · w_s ⊙ Σ_k a_k q_k − s_r z_r · Σ_k q_k w_s + bias
 *
 * The integer sum is exact on every CPU (the forms keep its pairs within int16); the rest is
 * float. The first term is written so that ONNX Runtime fuses it into one MatMulIntegerToFloat
 * (a scalar scale: the largest step, each row's own applied after), the second is one Gemm.
 */
export function int8MatMul(
  g: GraphBuilder,
  scheme: Q8Scheme,
  emulatePmaddubsw = false,
): (m: WeightMatMul) => string {
  if (scheme === 'tensor127') return tensor127MatMul(g, emulatePmaddubsw);
  const f32 = (name: string, v: number) => g.floatInit(name, [], Float32Array.of(v));
  const i64 = (name: string, v: number[]) => g.init(name, [v.length], DataType.INT64, i64Bytes(v));
  const constants = new Map<string, string>();
  const constant = (name: string, make: (name: string) => string) => {
    const known = constants.get(name) ?? make(name);
    constants.set(name, known);
    return known;
  };
  const zero = f32('q8_zero', 0);
  const tiny = f32('q8_tiny', 1e-30);
  const axis1 = i64('q8_axes_1', [1]);
  const perRow = [
    { name: 'axes', ints: [1] },
    { name: 'keepdims', int: 0 },
  ];
  const quantized = new Map<
    string,
    { xq: string; top: string; rel: string; shift: string; batchSeq: string }
  >();

  // Quantized once per input and form: Q, K and V share theirs.
  const quantizeRows = (x: string, inputs: number, form: Int8Form) => {
    const key = `${x} ${form.activationMax}`;
    const known = quantized.get(key);
    if (known) return known;
    const limit = constant(`q8_activation_max_${form.activationMax}`, (n) => f32(n, form.activationMax));
    const x2 = g.one('Reshape', [x, constant(`q8_shape_rows_${inputs}`, (n) => i64(n, [-1, inputs]))]);
    const hi = g.one('Max', [g.one('ReduceMax', [x2], perRow), zero]);
    const lo = g.one('Min', [g.one('ReduceMin', [x2], perRow), zero]);
    const step = g.one('Max', [g.one('Div', [g.one('Sub', [hi, lo]), limit]), tiny]);
    const zf = g.one('Clip', [g.one('Round', [g.one('Div', [g.one('Neg', [lo]), step])]), zero, limit]);
    const z8 = g.one('Cast', [zf], [{ name: 'to', int: DataType.UINT8 }]);
    const top = g.one('ReduceMax', [step], [{ name: 'keepdims', int: 0 }]);
    const rows = {
      xq: g.one('QuantizeLinear', [x2, step, z8], [{ name: 'axis', int: 0 }]),
      top,
      rel: g.one('Unsqueeze', [g.one('Div', [step, top]), axis1]),
      shift: g.one('Unsqueeze', [g.one('Neg', [g.one('Mul', [step, zf])]), axis1]),
      batchSeq: g.one('Shape', [x], [{ name: 'end', int: 2 }]),
    };
    quantized.set(key, rows);
    return rows;
  };

  return ({ x, prefix, weight, inputs, outputs, bias }) => {
    const form = formOf(prefix);
    const { q, scale } = quantizePerColumn(weight, inputs, outputs, form.weightMax);
    // Σ_k q_k w_s per column, for the zero points.
    const colsum = new Float32Array(outputs);
    for (let i = 0; i < q.length; i++)
      colsum[i % outputs] = (colsum[i % outputs] as number) + (q[i] as number);
    for (let c = 0; c < outputs; c++) colsum[c] = (colsum[c] as number) * (scale[c] as number);
    const wq = g.init(`${prefix}.weight_q`, [inputs, outputs], DataType.INT8, new Uint8Array(q.buffer));
    const ws = g.floatInit(`${prefix}.weight_scale`, [outputs], scale);
    const wsum = g.floatInit(`${prefix}.weight_sum`, [1, outputs], colsum);
    const rows = quantizeRows(x, inputs, form);
    const acc = emulatePmaddubsw
      ? pmaddubswMatMul(g, rows.xq, q, inputs, outputs, prefix)
      : g.one('Cast', [g.one('MatMulInteger', [rows.xq, wq])], [{ name: 'to', int: DataType.FLOAT }]);
    const atTop = g.one('Mul', [acc, g.one('Mul', [rows.top, ws])]);
    const offset = g.one('Gemm', [rows.shift, wsum, bias]);
    const y = g.one('Add', [g.one('Mul', [atTop, rows.rel]), offset]);
    const width = constant(`q8_width_${outputs}`, (n) => i64(n, [outputs]));
    return g.one('Reshape', [y, g.one('Concat', [rows.batchSeq, width], [{ name: 'axis', int: 0 }])]);
  };
}

/** Converter version 2's MatMul, byte for byte: kept only to measure against. */
function tensor127MatMul(g: GraphBuilder, emulatePmaddubsw: boolean): (m: WeightMatMul) => string {
  return ({ x, prefix, weight, inputs, outputs, bias }) => {
    const { q, scale } = quantizePerColumn(weight, inputs, outputs, 127);
    const wq = g.init(`${prefix}.weight_q`, [inputs, outputs], DataType.INT8, new Uint8Array(q.buffer));
    const ws = g.floatInit(`${prefix}.weight_scale`, [outputs], scale);
    const [xq, xs, xz] = g.op('DynamicQuantizeLinear', [x], [], 3) as [string, string, string];
    let acc: string;
    if (emulatePmaddubsw) {
      const colsum = new Float32Array(outputs);
      for (let i = 0; i < q.length; i++)
        colsum[i % outputs] = (colsum[i % outputs] as number) + (q[i] as number);
      const zeroPoint = g.one('Cast', [xz], [{ name: 'to', int: DataType.FLOAT }]);
      const raw = pmaddubswMatMul(g, xq, q, inputs, outputs, prefix);
      const shape = g.one(
        'Concat',
        [
          g.one('Shape', [x], [{ name: 'end', int: 2 }]),
          g.init(`${prefix}.emulated_width`, [1], DataType.INT64, i64Bytes([outputs])),
        ],
        [{ name: 'axis', int: 0 }],
      );
      const centred = g.one('Sub', [
        raw,
        g.one('Mul', [zeroPoint, g.floatInit(`${prefix}.emulated_colsum`, [outputs], colsum)]),
      ]);
      acc = g.one('Reshape', [centred, shape]);
    } else {
      acc = g.one('Cast', [g.one('MatMulInteger', [xq, wq, xz])], [{ name: 'to', int: DataType.FLOAT }]);
    }
    return g.one('Add', [g.one('Mul', [acc, g.one('Mul', [xs, ws])]), bias]);
  };
}

/**
 * Σ_k a_k q_k [rows, outputs] for codes `xq` [..., inputs] as (v)pmaddubsw computes it on a CPU
 * without VNNI: each two neighbouring products (k = 2p, 2p + 1, as MLAS packs them) added and
 * saturated to int16, the pairs then summed exactly. For measurement only (scripts/quantization.ts):
 * it shows on any machine what such a CPU computes. In float32, whose integers are exact up to
 * 2^24 (a pair is at most 64,770, a sum of 768 clipped pairs rounds off at most a few units in 25
 * million); it holds a [rows, inputs / 2, outputs] tensor, so run it a text at a time.
 */
function pmaddubswMatMul(
  g: GraphBuilder,
  xq: string,
  q: Int8Array,
  inputs: number,
  outputs: number,
  prefix: string,
): string {
  const pairs = inputs / 2;
  const even = new Float32Array(pairs * outputs);
  const odd = new Float32Array(pairs * outputs);
  for (let p = 0; p < pairs; p++)
    for (let n = 0; n < outputs; n++) {
      even[p * outputs + n] = q[2 * p * outputs + n] as number;
      odd[p * outputs + n] = q[(2 * p + 1) * outputs + n] as number;
    }
  const split = g.init(`${prefix}.emulated_pairs_shape`, [3], DataType.INT64, i64Bytes([-1, pairs, 2]));
  const codes = g.one('Reshape', [g.one('Cast', [xq], [{ name: 'to', int: DataType.FLOAT }]), split]);
  const take = (i: number) =>
    g.one(
      'Gather',
      [codes, g.init(`${prefix}.emulated_index_${i}`, [1], DataType.INT64, i64Bytes([i]))],
      [{ name: 'axis', int: 2 }],
    );
  const sum = g.one('Add', [
    g.one('Mul', [take(0), g.floatInit(`${prefix}.emulated_even`, [pairs, outputs], even)]),
    g.one('Mul', [take(1), g.floatInit(`${prefix}.emulated_odd`, [pairs, outputs], odd)]),
  ]);
  const clipped = g.one('Clip', [
    sum,
    g.floatInit(`${prefix}.emulated_int16_min`, [], Float32Array.of(-32_768)),
    g.floatInit(`${prefix}.emulated_int16_max`, [], Float32Array.of(32_767)),
  ]);
  return g.one(
    'ReduceSum',
    [clipped, g.init(`${prefix}.emulated_axis`, [1], DataType.INT64, i64Bytes([1]))],
    [{ name: 'keepdims', int: 0 }],
  );
}
