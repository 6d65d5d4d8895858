/**
 * Bytes to text, refusing what is not text: binary files and broken UTF-8 are errors that say
 * where the problem is, never silently mangled into U+FFFD.
 */
import { SearchError } from '../errors.js';

/** Bytes looked at when sniffing for binary content. */
const BINARY_SNIFF_BYTES = 8192;

/** Offset of the first byte that breaks UTF-8, or -1 if the buffer is valid. */
export function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** True when the first bytes hold a NUL, which no text format here contains. */
export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

/** The UTF-16 encoding a byte order mark names (UTF-32's FF FE 00 00 is not one). */
export function utf16Bom(buf: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (buf[0] === 0xff && buf[1] === 0xfe && !(buf[2] === 0 && buf[3] === 0)) return 'utf-16le';
  if (buf[0] === 0xfe && buf[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * Decode UTF-8 (BOM dropped, CRLF kept as is), or UTF-16 with its byte order mark (what some
 * Windows editors save), or throw BINARY_FILE / INVALID_UTF8.
 */
export function decodeText(buf: Uint8Array, name: string): string {
  const utf16 = utf16Bom(buf);
  if (utf16) {
    try {
      return new TextDecoder(utf16, { fatal: true, ignoreBOM: false }).decode(buf);
    } catch (cause) {
      throw new SearchError(
        'INVALID_UTF8',
        `${name} starts as ${utf16.toUpperCase()} but is not valid ${utf16.toUpperCase()}; convert it to UTF-8, e.g. iconv -f utf-16 -t utf-8.`,
        { cause, details: { file: name } },
      );
    }
  }
  if (looksBinary(buf)) {
    throw new SearchError(
      'BINARY_FILE',
      `${name} looks like a binary file (it contains NUL bytes); only text files can be ingested.`,
      {
        details: { file: name },
      },
    );
  }
  const bad = firstInvalidUtf8(buf);
  if (bad >= 0) {
    const line = countLines(buf, bad);
    throw new SearchError(
      'INVALID_UTF8',
      `${name} is not valid UTF-8 (byte offset ${bad}, line ${line}); convert it to UTF-8, e.g. iconv -f latin1 -t utf-8.`,
      { details: { file: name, byteOffset: bad, line } },
    );
  }
  const text = new TextDecoder('utf-8').decode(buf);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function countLines(buf: Uint8Array, upTo: number): number {
  let line = 1;
  for (let i = 0; i < upTo; i++) if (buf[i] === 0x0a) line++;
  return line;
}
