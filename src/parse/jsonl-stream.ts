/**
 * JSON Lines read line by line from disk in fixed-size chunks, so a 100 MB corpus never sits
 * in memory whole. Each line becomes an article or a problem naming the file and line; a
 * binary file is refused as a whole, an over-long or undecodable line alone is skipped.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { SearchError } from '../errors.js';
import type { Article } from './article.js';
import { looksBinary, utf16Bom } from './decode.js';
import { parseJsonLine, type RecordProblem } from './records.js';

/** Bytes read from disk per step. */
export const JSONL_CHUNK_BYTES = 1024 * 1024;
/** Longest line kept, in bytes; longer lines are skipped (an article is at most 2M characters). */
export const JSONL_LINE_MAX_BYTES = 16 * 1024 * 1024;

export type JsonLine = { article: Article } | { problem: RecordProblem };

/** Raw lines of a file (without their newline), numbered from 1, read chunk by chunk. */
export function* readLines(
  path: string,
  chunkBytes = JSONL_CHUNK_BYTES,
): Generator<{ line: number; bytes: Buffer | undefined; first: boolean }> {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(chunkBytes);
    let parts: Buffer[] = [];
    let partBytes = 0;
    let tooLong = false;
    let line = 1;
    let first = true;
    const finish = () => {
      const bytes = tooLong ? undefined : Buffer.concat(parts, partBytes);
      parts = [];
      partBytes = 0;
      tooLong = false;
      return bytes;
    };
    for (;;) {
      const n = readSync(fd, chunk, 0, chunkBytes, null);
      if (n === 0) break;
      let start = 0;
      for (let nl = chunk.indexOf(0x0a, start); nl >= 0 && nl < n; nl = chunk.indexOf(0x0a, start)) {
        if (!tooLong) parts.push(Buffer.from(chunk.subarray(start, nl)));
        partBytes += nl - start;
        yield { line, bytes: finish(), first };
        first = false;
        line++;
        start = nl + 1;
      }
      if (start < n) {
        partBytes += n - start;
        if (partBytes > JSONL_LINE_MAX_BYTES) {
          tooLong = true;
          parts = [];
        } else parts.push(Buffer.from(chunk.subarray(start, n)));
      }
    }
    if (partBytes > 0 || tooLong) yield { line, bytes: finish(), first };
  } finally {
    closeSync(fd);
  }
}

/** Articles and problems of a .jsonl file on disk, one line at a time. */
export function* streamJsonLines(path: string, baseId: string): Generator<JsonLine> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const { line, bytes, first } of readLines(path)) {
    const where = `${path}:${line}`;
    if (bytes === undefined) {
      yield {
        problem: {
          line,
          error: new SearchError(
            'DOCUMENT_TOO_LARGE',
            `${where}: the line is over ${JSONL_LINE_MAX_BYTES} bytes; split the record. The line was skipped.`,
            { details: { file: path, line } },
          ),
        },
      };
      continue;
    }
    if (first && utf16Bom(bytes)) {
      throw new SearchError(
        'INVALID_UTF8',
        `${path} is UTF-16; JSON Lines are read as UTF-8: convert it, e.g. iconv -f utf-16 -t utf-8.`,
        { details: { file: path } },
      );
    }
    if (first && looksBinary(bytes)) {
      throw new SearchError(
        'BINARY_FILE',
        `${path} looks like a binary file (it contains NUL bytes); only text files can be ingested.`,
        { details: { file: path } },
      );
    }
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch (cause) {
      yield {
        problem: {
          line,
          error: new SearchError(
            'INVALID_UTF8',
            `${where}: not valid UTF-8; convert the file to UTF-8. The line was skipped.`,
            { cause, details: { file: path, line } },
          ),
        },
      };
      continue;
    }
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const result = parseJsonLine(text, line, path, baseId);
    if (result) yield result;
  }
}

/** Non-blank lines of a file, counted chunk by chunk (for progress totals). */
export function countJsonLines(path: string): number {
  let count = 0;
  for (const { bytes } of readLines(path)) {
    if (bytes === undefined || bytes.some((b) => b !== 0x20 && b !== 0x09 && b !== 0x0d)) count++;
  }
  return count;
}
