/**
 * Reads a safetensors file: 8-byte little-endian header length, a JSON header
 * (name → dtype, shape, data_offsets), then raw little-endian tensors.
 */
import { SearchError } from '../errors.js';

export interface Tensor {
  shape: number[];
  data: Float32Array;
}

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

/** IEEE 754 half → single precision. */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 0x1f) return frac ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

/** Single → IEEE 754 half bits, rounded to nearest, ties away from zero (exact for every value halfToFloat gives). */
export function floatToHalf(x: number): number {
  if (Number.isNaN(x)) return 0x7e00;
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a === 0) return sign;
  if (a >= 65520) return sign | 0x7c00;
  if (a < 2 ** -14) return sign | Math.round(a / 2 ** -24);
  let e = Math.floor(Math.log2(a));
  if (a / 2 ** e < 1) e--;
  if (a / 2 ** e >= 2) e++;
  let frac = Math.round((a / 2 ** e - 1) * 1024);
  if (frac === 1024) {
    frac = 0;
    e++;
  }
  return sign | ((e + 15) << 10) | frac;
}

/** The tensor's values as half-precision bytes, if every one of them is exactly a half. */
export function exactHalfBytes(data: Float32Array): Uint8Array | undefined {
  const out = new Uint16Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const x = data[i] as number;
    const h = floatToHalf(x);
    if (halfToFloat(h) !== x) return undefined;
    out[i] = h;
  }
  return new Uint8Array(out.buffer);
}

/** All floating-point tensors of the file, as float32. Integer tensors (position_ids) are skipped. */
export function readSafetensors(buf: Buffer, name: string): Map<string, Tensor> {
  if (buf.length < 8)
    throw new SearchError('MODEL_SOURCE_INVALID', `${name} is too short to be a safetensors file.`);
  const headerLength = Number(buf.readBigUInt64LE(0));
  if (headerLength <= 0 || 8 + headerLength > buf.length) {
    throw new SearchError('MODEL_SOURCE_INVALID', `${name} has a corrupt safetensors header.`);
  }
  const header = JSON.parse(buf.subarray(8, 8 + headerLength).toString('utf8')) as Record<
    string,
    HeaderEntry
  >;
  const base = 8 + headerLength;
  const out = new Map<string, Tensor>();
  for (const [key, entry] of Object.entries(header)) {
    if (key === '__metadata__') continue;
    const [from, to] = entry.data_offsets;
    const count = entry.shape.reduce((a, b) => a * b, 1);
    const bytes = buf.subarray(base + from, base + to);
    let data: Float32Array;
    if (entry.dtype === 'F16') {
      data = new Float32Array(count);
      for (let i = 0; i < count; i++) data[i] = halfToFloat(bytes.readUInt16LE(i * 2));
    } else if (entry.dtype === 'F32') {
      data = new Float32Array(count);
      for (let i = 0; i < count; i++) data[i] = bytes.readFloatLE(i * 4);
    } else continue;
    out.set(key, { shape: entry.shape, data });
  }
  return out;
}
