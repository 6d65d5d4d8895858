/**
 * Node answers requests it cannot parse (bad request line, headers over 16 KiB) itself, before
 * Hono sees them, with a bare text reply. This handler answers them in the API's JSON shape.
 */
import type { Socket } from 'node:net';

const REPLIES: Record<string, [number, string, string, string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    'HEADERS_TOO_LARGE',
    'The request line and headers are over 16 KiB; send fewer or shorter headers, and send a long question as JSON with POST /v1/search {"query": "..."} (up to 10,000 characters).',
  ],
  HPE_REQUEST_TIMEOUT: [
    408,
    'Request Timeout',
    'REQUEST_TIMEOUT',
    'The request took too long to arrive; retry.',
  ],
};
const BAD_REQUEST: [number, string, string, string] = [
  400,
  'Bad Request',
  'BAD_REQUEST',
  'The request is not valid HTTP/1.1; check the request line and headers.',
];

export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  // A client that went away needs no answer, and must not be logged as our failure.
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, code, message] = REPLIES[error.code ?? ''] ?? BAD_REQUEST;
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nx-content-type-options: nosniff\r\nconnection: close\r\n\r\n${body}`,
  );
}
