/** Building an ONNX graph node by node: named initializers, nodes with generated output names. */
import { SearchError } from '../errors.js';
import { type Attribute, DataType, type InitializerSpec, type NodeSpec } from './onnx-proto.js';
import type { Tensor } from './safetensors.js';

export function f32Bytes(a: Float32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

export function i64Bytes(values: number[]): Uint8Array {
  return new Uint8Array(BigInt64Array.from(values.map((v) => BigInt(v))).buffer);
}

export class GraphBuilder {
  nodes: NodeSpec[] = [];
  initializers: InitializerSpec[] = [];
  private n = 0;

  constructor(private readonly weights: Map<string, Tensor>) {}

  weight(name: string): Tensor {
    const t = this.weights.get(name);
    if (!t)
      throw new SearchError(
        'MODEL_SOURCE_INVALID',
        `The model weights have no tensor "${name}"; is this a BERT model?`,
      );
    return t;
  }

  init(name: string, dims: number[], dataType: number, raw: Uint8Array): string {
    this.initializers.push({ name, dims, dataType, raw });
    return name;
  }

  floatInit(name: string, dims: number[], data: Float32Array): string {
    return this.init(name, dims, DataType.FLOAT, f32Bytes(data));
  }

  op(op: string, inputs: string[], attributes: Attribute[] = [], outputs = 1): string[] {
    const id = `${op}_${this.n++}`;
    const outs = Array.from({ length: outputs }, (_, i) => `${id}_out${i}`);
    this.nodes.push({ op, inputs, outputs: outs, name: id, attributes });
    return outs;
  }

  one(op: string, inputs: string[], attributes: Attribute[] = []): string {
    return this.op(op, inputs, attributes)[0] as string;
  }
}
