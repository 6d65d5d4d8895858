/**
 * Admission for searches: a few run at once, a short line waits, and past that the server
 * answers 503 with Retry-After at once. Queueing every request instead made the 64-connection
 * p99 four seconds (and autocannon's ten-second timeouts): a client told "busy, retry in a
 * second" does better than one left waiting. Health, readiness and writes are not admitted
 * here: they must answer however busy searches are.
 */
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import { type Env, errorBody } from './env.js';
import { holdConnection } from './hold-connection.js';

/** The Retry-After of a shed search, in seconds; its connection is not read for as long. */
export const RETRY_AFTER_SECONDS = 1;

export interface AdmissionOptions {
  /** Searches running at once (concurrent queries share one batched forward pass). */
  concurrent: number;
  /** Searches waiting for a slot; one more is shed. */
  queue: number;
  /**
   * Longest wait for a slot before the request is shed. @default no limit: the line's length
   * bounds the wait, and a time limit would shed searches whenever a write slows the model
   * down (or a loaded machine slows everything), which is when a deterministic bound matters
   */
  maxWaitMs?: number;
  /**
   * How long a connection whose search was shed is not read (hold-connection.ts).
   * @default RETRY_AFTER_SECONDS; 0 reads it again at once
   */
  holdShedMs?: number;
}

/**
 * Measured on 2 cores (bench/liveness.ts): 4 at once answered more searches per second than 8
 * (each search's work after its embedding runs in one stretch of the event loop, and 8 of them
 * together held /health longer). The line holds 60, so 64 connections are all served: at about
 * 320 searches a second the wait is a fifth of a second (p99 223-263 ms). With a line of 32 the
 * other 28 were answered 503 and came straight back: 2,250 refusals a second took the HTTP
 * thread's time, and answered searches fell from 323 to 177 a second.
 */
export const ADMISSION_DEFAULTS: AdmissionOptions = { concurrent: 4, queue: 60 };

export interface Admission {
  middleware: MiddlewareHandler<Env>;
  readonly running: number;
  readonly waiting: number;
  /** Requests answered 503 since the server started. */
  readonly shed: number;
}

/** The request's socket when the app runs under @hono/node-server (its bindings), else undefined. */
function incomingSocket(c: Context<Env>) {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket;
}

export function createAdmission(options: AdmissionOptions = ADMISSION_DEFAULTS): Admission {
  let running = 0;
  let shed = 0;
  const line: Array<(admitted: boolean) => void> = [];

  const release = () => {
    const next = line.shift();
    if (next) next(true);
    else running--;
  };

  /**
   * A slot now, or a place in line. `gone`: the client closed its connection while waiting (it
   * left its place; a client that stops, such as a load generator between runs, left searches
   * in line that took the places of the next ones).
   */
  const enter = (socket?: Socket): Promise<boolean | 'gone'> => {
    if (running < options.concurrent) {
      running++;
      return Promise.resolve(true);
    }
    if (line.length >= options.queue) return Promise.resolve(false);
    return new Promise<boolean | 'gone'>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const leave = (outcome: false | 'gone') => {
        if (timer) clearTimeout(timer);
        socket?.off('close', onClose);
        const at = line.indexOf(waiter);
        if (at >= 0) line.splice(at, 1);
        resolve(outcome);
      };
      const onClose = () => leave('gone');
      const limit = options.maxWaitMs;
      if (limit !== undefined) timer = setTimeout(() => leave(false), limit);
      const waiter = (admitted: boolean) => {
        if (timer) clearTimeout(timer);
        socket?.off('close', onClose);
        resolve(admitted);
      };
      line.push(waiter);
      socket?.once('close', onClose);
    });
  };

  const middleware: MiddlewareHandler<Env> = async (c, next) => {
    const socket = incomingSocket(c);
    const admitted = await enter(socket);
    // Nobody is there to read an answer.
    if (admitted === 'gone') return c.body(null, 503);
    if (!admitted) {
      shed++;
      const hold = options.holdShedMs ?? RETRY_AFTER_SECONDS * 1000;
      if (hold > 0) holdConnection(socket, hold);
      c.header('Retry-After', String(RETRY_AFTER_SECONDS));
      return c.json(
        errorBody(
          'OVERLOADED',
          `The server is busy (${running} searches running, ${line.length} waiting); retry in a second.`,
        ),
        503,
      );
    }
    try {
      await next();
    } finally {
      release();
    }
  };

  return {
    middleware,
    get running() {
      return running;
    },
    get waiting() {
      return line.length;
    },
    get shed() {
      return shed;
    },
  };
}
