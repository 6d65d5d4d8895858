/**
 * Builds an ONNX BertModel graph (opset 17) from safetensors weights, in the layout
 * transformers.js loads: int64 inputs input_ids / attention_mask / token_type_ids, output
 * last_hidden_state [batch, seq, hidden]. `q8` replaces every weight MatMul by dynamic int8
 * quantization (int8-matmul.ts): activations per row at run time, weights per output column.
 */
import { SearchError } from '../errors.js';
import { int8MatMul, Q8_QUANTIZATION, type Q8Scheme } from './int8-matmul.js';
import { GraphBuilder, i64Bytes } from './onnx-graph.js';
import { DataType, encodeModel } from './onnx-proto.js';
import { exactHalfBytes, type Tensor } from './safetensors.js';

export interface BertConfig {
  hidden_size: number;
  num_attention_heads: number;
  num_hidden_layers: number;
  intermediate_size: number;
  layer_norm_eps: number;
  hidden_act: string;
}

export type GraphDtype = 'fp32' | 'q8';

const OPSET = 17;
/** Added to attention scores at padded positions; exp() of it is 0 in float32. */
const MASK_NEGATIVE = -10000;

/** PyTorch Linear weight [out, in] → [in, out] for MatMul(x, W). */
function transpose(t: Tensor): Float32Array {
  const [rows, cols] = t.shape as [number, number];
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) out[c * rows + r] = t.data[r * cols + c] as number;
  return out;
}

export interface BuildOptions {
  /** How the q8 graph quantizes (int8-matmul.ts). @default 'rows' */
  q8Scheme?: Q8Scheme;
  /**
   * Compute every MatMulInteger as a CPU without VNNI does (pairs saturated to int16), in float:
   * for measurement only, a text at a time (int8-matmul.ts). @default false
   */
  emulatePmaddubsw?: boolean;
}

export function buildBertOnnx(
  weights: Map<string, Tensor>,
  config: BertConfig,
  dtype: GraphDtype,
  options: BuildOptions = {},
): Uint8Array {
  if (config.hidden_act !== 'gelu') {
    throw new SearchError(
      'MODEL_SOURCE_INVALID',
      `Only GELU BERT models can be converted, this one uses ${config.hidden_act}.`,
    );
  }
  const g = new GraphBuilder(weights);
  const H = config.hidden_size;
  const heads = config.num_attention_heads;
  const headDim = H / heads;
  const eps = config.layer_norm_eps;

  const scalar = (name: string, v: number) => g.floatInit(name, [], Float32Array.of(v));
  const one = scalar('const_one', 1);
  const half = scalar('const_half', 0.5);
  const invSqrt2 = scalar('const_inv_sqrt2', Math.SQRT1_2);
  const attnScale = scalar('const_attn_scale', 1 / Math.sqrt(headDim));
  const maskNeg = scalar('const_mask_negative', MASK_NEGATIVE);
  const splitHeads = g.init('shape_split_heads', [4], DataType.INT64, i64Bytes([0, 0, heads, headDim]));
  const mergeHeads = g.init('shape_merge_heads', [3], DataType.INT64, i64Bytes([0, 0, H]));
  const axes12 = g.init('axes_1_2', [2], DataType.INT64, i64Bytes([1, 2]));
  const idx1 = g.init('index_1', [], DataType.INT64, i64Bytes([1]));
  const zero64 = g.init('int64_zero', [], DataType.INT64, i64Bytes([0]));
  const one64 = g.init('int64_one', [], DataType.INT64, i64Bytes([1]));

  const vec = (name: string) => g.floatInit(name, g.weight(name).shape, g.weight(name).data);
  const layerNorm = (x: string, prefix: string) =>
    g.one(
      'LayerNormalization',
      [x, vec(`${prefix}.weight`), vec(`${prefix}.bias`)],
      [
        { name: 'axis', int: -1 },
        { name: 'epsilon', float: eps },
      ],
    );

  const q8Scheme = options.q8Scheme ?? 'rows';
  const q8 = dtype === 'q8' ? int8MatMul(g, q8Scheme, options.emulatePmaddubsw) : undefined;
  const linear = (x: string, prefix: string): string => {
    const w = g.weight(`${prefix}.weight`);
    const [out, inp] = w.shape as [number, number];
    const wt = transpose(w);
    const bias = vec(`${prefix}.bias`);
    if (!q8) {
      return g.one('Add', [g.one('MatMul', [x, g.floatInit(`${prefix}.weight_t`, [inp, out], wt)]), bias]);
    }
    return q8({ x, prefix, weight: wt, inputs: inp, outputs: out, bias });
  };

  // Embeddings: word + token type + position, then LayerNorm.
  // The word-embedding table is most of the model (30,522 × 384). Kept in half precision, as
  // the source weights are, and widened after the lookup: the same values at half the size,
  // which a new process reads and ONNX Runtime copies at every start.
  const wordTable = g.weight('embeddings.word_embeddings.weight');
  const wordHalves = exactHalfBytes(wordTable.data);
  const words = wordHalves
    ? g.one(
        'Cast',
        [
          g.one('Gather', [
            g.init('embeddings.word_embeddings.weight_f16', wordTable.shape, DataType.FLOAT16, wordHalves),
            'input_ids',
          ]),
        ],
        [{ name: 'to', int: DataType.FLOAT }],
      )
    : g.one('Gather', [vec('embeddings.word_embeddings.weight'), 'input_ids']);
  const types = g.one('Gather', [vec('embeddings.token_type_embeddings.weight'), 'token_type_ids']);
  const seqLen = g.one('Gather', [g.one('Shape', ['input_ids']), idx1], [{ name: 'axis', int: 0 }]);
  const positions = g.one('Range', [zero64, seqLen, one64]);
  const pos = g.one('Gather', [vec('embeddings.position_embeddings.weight'), positions]);
  let hidden = layerNorm(g.one('Add', [g.one('Add', [words, types]), pos]), 'embeddings.LayerNorm');

  // Additive attention mask [batch, 1, 1, seq]: 0 where attended, large negative at padding.
  const maskF = g.one('Cast', ['attention_mask'], [{ name: 'to', int: DataType.FLOAT }]);
  const mask4 = g.one('Unsqueeze', [maskF, axes12]);
  const additiveMask = g.one('Mul', [g.one('Sub', [one, mask4]), maskNeg]);

  for (let l = 0; l < config.num_hidden_layers; l++) {
    const p = `encoder.layer.${l}`;
    const heads4 = (x: string, perm: number[]) =>
      g.one('Transpose', [g.one('Reshape', [x, splitHeads])], [{ name: 'perm', ints: perm }]);
    const q = heads4(linear(hidden, `${p}.attention.self.query`), [0, 2, 1, 3]);
    const k = heads4(linear(hidden, `${p}.attention.self.key`), [0, 2, 3, 1]);
    const v = heads4(linear(hidden, `${p}.attention.self.value`), [0, 2, 1, 3]);
    const scores = g.one('Add', [g.one('Mul', [g.one('MatMul', [q, k]), attnScale]), additiveMask]);
    const probs = g.one('Softmax', [scores], [{ name: 'axis', int: -1 }]);
    const context = g.one('Reshape', [
      g.one('Transpose', [g.one('MatMul', [probs, v])], [{ name: 'perm', ints: [0, 2, 1, 3] }]),
      mergeHeads,
    ]);
    const attnOut = linear(context, `${p}.attention.output.dense`);
    const h1 = layerNorm(g.one('Add', [attnOut, hidden]), `${p}.attention.output.LayerNorm`);
    const inter = linear(h1, `${p}.intermediate.dense`);
    // Exact GELU: 0.5 · x · (1 + erf(x / √2)).
    const erf = g.one('Erf', [g.one('Mul', [inter, invSqrt2])]);
    const gelu = g.one('Mul', [g.one('Mul', [inter, g.one('Add', [erf, one])]), half]);
    const ffn = linear(gelu, `${p}.output.dense`);
    hidden = layerNorm(g.one('Add', [ffn, h1]), `${p}.output.LayerNorm`);
  }
  g.nodes.push({ op: 'Identity', inputs: [hidden], outputs: ['last_hidden_state'], name: 'output_identity' });

  const dynamic2 = ['batch_size', 'sequence_length'];
  return encodeModel({
    graphName: 'bert',
    nodes: g.nodes,
    initializers: g.initializers,
    inputs: ['input_ids', 'attention_mask', 'token_type_ids'].map((name) => ({
      name,
      elemType: DataType.INT64,
      shape: dynamic2,
    })),
    outputs: [{ name: 'last_hidden_state', elemType: DataType.FLOAT, shape: [...dynamic2, H] }],
    opset: OPSET,
    producer: 'semsearch',
    metadata: q8 && q8Scheme === 'rows' ? { dtype, quantization: Q8_QUANTIZATION } : { dtype },
  });
}
