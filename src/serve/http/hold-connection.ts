/**
 * A connection whose search was shed is not read again until its Retry-After has passed.
 *
 * A client that ignores Retry-After turns its 503 round at once: 256 connections of search made
 * the HTTP thread answer thousands of 503s a second, each event-loop turn served a round of all
 * of them, and `/health` waited its turn in every round (p99 over half a second). Holding the
 * connection's next request in the kernel's buffer for the second it was told to wait caps such
 * a client at one request a second per connection; a client that waits as told, or a request on
 * another connection (a probe's `/health`), sees no difference. The 503 itself still goes out
 * at once. The hold is between half and all of that second, drawn per connection: connections
 * shed in the same turn would otherwise all be read again in the same turn a second later.
 *
 * node:http has no public way to stop reading a connection: `socket.pause()` does not stop its
 * parser. This uses what node:http itself does to stop reading pipelined requests while answers
 * are backed up (`socket._paused` and the parser's pause, undone as in its `socketOnDrain`).
 * A socket without them (another server, or a Node that changed them) is left alone, and the
 * unit test of this file says so if that happens.
 */
import type { Socket } from 'node:net';

interface HttpServerSocket extends Socket {
  _paused?: boolean;
  parser?: { pause(): void; resume(): void } | null;
}

/**
 * Stops reading the connection for between half of `ms` and `ms`. Whether it was held: false
 * when node:http's internals are not there to use, or the connection is paused already.
 */
export function holdConnection(socket: Socket | undefined, ms: number, random = Math.random): boolean {
  const s = socket as HttpServerSocket | undefined;
  // Already paused (by node:http for backed-up answers, or by an earlier hold): leave it so.
  if (!s || s.destroyed || s._paused !== false || !s.parser) return false;
  s._paused = true;
  s.parser.pause();
  s.pause();
  const timer = setTimeout(
    () => {
      if (s.destroyed || !s._paused) return;
      s._paused = false;
      s.parser?.resume();
      s.resume();
    },
    ms * (0.5 + random() / 2),
  );
  timer.unref(); // shutdown closes idle connections, a held one among them
  return true;
}
