/**
 * A minimal protobuf encoder for the few ONNX messages a feed-forward graph needs
 * (ModelProto, GraphProto, NodeProto, TensorProto, ValueInfoProto, AttributeProto).
 * Field numbers follow onnx.proto.
 */

class Writer {
  private parts: Uint8Array[] = [];
  length = 0;

  private push(b: Uint8Array): void {
    this.parts.push(b);
    this.length += b.length;
  }

  varint(value: number | bigint): this {
    let v = BigInt.asUintN(64, BigInt(value));
    const bytes: number[] = [];
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v > 0n) byte |= 0x80;
      bytes.push(byte);
    } while (v > 0n);
    this.push(Uint8Array.from(bytes));
    return this;
  }

  private tag(field: number, wire: number): this {
    return this.varint((field << 3) | wire);
  }

  int(field: number, value: number | bigint): this {
    return this.tag(field, 0).varint(value);
  }

  float(field: number, value: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.tag(field, 5);
    this.push(b);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, 2).varint(value.length);
    this.push(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, sub: Writer): this {
    this.tag(field, 2).varint(sub.length);
    for (const p of sub.parts) this.push(p);
    return this;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.length);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}

export const DataType = { FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6, INT64: 7, FLOAT16: 10 } as const;

export type Attribute =
  | { name: string; int: number }
  | { name: string; float: number }
  | { name: string; ints: number[] };

export interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  name: string;
  attributes?: Attribute[];
}

export interface InitializerSpec {
  name: string;
  dims: number[];
  dataType: number;
  raw: Uint8Array;
}

export interface ValueInfoSpec {
  name: string;
  elemType: number;
  /** Numbers are fixed sizes, strings symbolic ones. */
  shape: Array<number | string>;
}

export interface ModelSpec {
  graphName: string;
  nodes: NodeSpec[];
  initializers: InitializerSpec[];
  inputs: ValueInfoSpec[];
  outputs: ValueInfoSpec[];
  opset: number;
  producer: string;
  metadata?: Record<string, string>;
}

function attribute(a: Attribute): Writer {
  const w = new Writer().string(1, a.name);
  if ('int' in a) w.int(20, 2).int(3, a.int);
  else if ('float' in a) w.int(20, 1).float(2, a.float);
  else {
    w.int(20, 7);
    for (const v of a.ints) w.int(8, v);
  }
  return w;
}

function valueInfo(v: ValueInfoSpec): Writer {
  const shape = new Writer();
  for (const d of v.shape) {
    shape.message(1, typeof d === 'number' ? new Writer().int(1, d) : new Writer().string(2, d));
  }
  const tensorType = new Writer().int(1, v.elemType).message(2, shape);
  return new Writer().string(1, v.name).message(2, new Writer().message(1, tensorType));
}

export function encodeModel(spec: ModelSpec): Uint8Array {
  const graph = new Writer();
  for (const n of spec.nodes) {
    const node = new Writer();
    for (const i of n.inputs) node.string(1, i);
    for (const o of n.outputs) node.string(2, o);
    node.string(3, n.name).string(4, n.op);
    for (const a of n.attributes ?? []) node.message(5, attribute(a));
    graph.message(1, node);
  }
  graph.string(2, spec.graphName);
  for (const t of spec.initializers) {
    const tensor = new Writer();
    for (const d of t.dims) tensor.int(1, d);
    tensor.int(2, t.dataType).string(8, t.name).bytes(9, t.raw);
    graph.message(5, tensor);
  }
  for (const i of spec.inputs) graph.message(11, valueInfo(i));
  for (const o of spec.outputs) graph.message(12, valueInfo(o));

  // ir_version 8 goes with opset 17.
  const model = new Writer().int(1, 8).string(2, spec.producer).message(7, graph);
  model.message(8, new Writer().string(1, '').int(2, spec.opset));
  for (const [key, value] of Object.entries(spec.metadata ?? {})) {
    model.message(14, new Writer().string(1, key).string(2, value));
  }
  return model.finish();
}
