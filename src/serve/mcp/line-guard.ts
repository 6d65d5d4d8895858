/**
 * A size guard in front of the MCP stdio transport. The SDK drops its buffer and closes the
 * transport when one message passes 10 MiB, so the server used to exit 0 without a word; here
 * an over-long line is discarded up to its newline and answered with a JSON-RPC error, and the
 * server keeps serving the next messages.
 */
import { Transform, type TransformCallback } from 'node:stream';

/** Largest MCP stdio message accepted, newline included. */
export const MCP_MESSAGE_MAX_BYTES = 10 * 1024 * 1024;

export function createLineGuard(maxBytes: number, onOversize: (bytes: number) => void): Transform {
  let pending: Buffer[] = [];
  let lineBytes = 0;
  let dropping = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      let start = 0;
      while (start < chunk.length) {
        const nl = chunk.indexOf(0x0a, start);
        const end = nl < 0 ? chunk.length : nl + 1;
        const piece = chunk.subarray(start, end);
        lineBytes += piece.length;
        if (!dropping && lineBytes > maxBytes) {
          dropping = true;
          pending = [];
        }
        if (!dropping) pending.push(piece);
        if (nl >= 0) {
          if (dropping) onOversize(lineBytes);
          else this.push(Buffer.concat(pending));
          pending = [];
          lineBytes = 0;
          dropping = false;
        }
        start = end;
      }
      callback();
    },
    flush(callback: TransformCallback) {
      if (dropping) onOversize(lineBytes);
      else if (pending.length > 0) this.push(Buffer.concat(pending));
      callback();
    },
  });
}
