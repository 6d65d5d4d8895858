/**
 * `semsearch serve`: the Hono app on a real listening socket. Refuses a non-loopback bind
 * without an API key; on SIGTERM/SIGINT stops accepting, lets running writes finish (however
 * long they take), gives other requests a grace period, and only then closes the engine.
 */
import { serve } from '@hono/node-server';
import { type ConfigOverrides, resolveConfig } from '../../config.js';
import { SearchError } from '../../errors.js';
import { createSearchEngine, type SearchEngine } from '../../index.js';
import { withSearchPool } from '../pool/pooled-engine.js';
import { createHttpApp } from './app.js';
import { answerClientError } from './client-error.js';
import { isLoopbackHost } from './security.js';
import { createWriteTracker } from './write-tracker.js';

/** How long shutdown waits for in-flight requests before closing anyway. */
export const SHUTDOWN_GRACE_MS = 10_000;
/** Shortest API key accepted on a bind beyond loopback: a guessable key there guards nothing. */
export const API_KEY_MIN_CHARS = 16;

export interface RunningServer {
  url: string;
  port: number;
  engine: SearchEngine;
  close(): Promise<void>;
}

export async function startHttpServer(
  overrides: ConfigOverrides = {},
  options: {
    handleSignals?: boolean;
    log?: (line: string) => void;
    /** Grace for requests other than writes at shutdown. @default SHUTDOWN_GRACE_MS */
    shutdownGraceMs?: number;
  } = {},
): Promise<RunningServer> {
  const config = resolveConfig(overrides);
  if (!isLoopbackHost(config.host) && (config.apiKey?.length ?? 0) < API_KEY_MIN_CHARS) {
    throw new SearchError(
      'UNAUTHORIZED',
      `Refusing to listen on ${config.host} without an API key of at least ${API_KEY_MIN_CHARS} characters: set SEMSEARCH_API_KEY (e.g. openssl rand -hex 16), or bind to 127.0.0.1.`,
    );
  }
  const logError =
    options.log ??
    (config.logLevel === 'silent'
      ? () => {}
      : (line: string) => process.stderr.write(`semsearch: ${line}\n`));
  // -q (logLevel error) and silent print no info lines, the start-up ones included.
  const log = config.logLevel === 'silent' || config.logLevel === 'error' ? () => {} : logError;
  const engine = await withSearchPool(
    await createSearchEngine({ ...overrides, log, embedInWorker: true }),
    config,
    log,
  );
  const writes = createWriteTracker();
  const app = createHttpApp({
    engine,
    writes,
    config,
    log: config.logLevel === 'debug' || config.logLevel === 'info' ? log : () => {},
  });
  let server: ReturnType<typeof serve>;
  try {
    server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(s));
      s.once('error', reject);
    });
  } catch (cause) {
    // The engine and its threads started first; without a socket nothing would ever stop them.
    await engine.close().catch(() => undefined);
    throw listenError(cause, config.host, config.port);
  }
  server.on('clientError', answerClientError);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  log(
    `listening on ${url} (search page ${url}/, API ${url}/v1, OpenAPI ${url}/openapi.json, MCP ${url}/mcp)`,
  );
  // Load the model in the background so /ready turns true without waiting for a first query.
  engine.warmUp().then(
    () => log('model loaded; ready'),
    (error: unknown) =>
      logError(`warm-up failed (the model or the in-memory BM25): ${(error as Error).message}`),
  );

  const graceMs = options.shutdownGraceMs ?? SHUTDOWN_GRACE_MS;
  const connections = server as unknown as {
    closeIdleConnections?: () => void;
    closeAllConnections?: () => void;
  };
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      connections.closeIdleConnections?.();
      // Writes first, without a deadline: closing the model or the database under a running
      // write would fail it half-way. Then the other requests get the grace period.
      if (writes.inFlight > 0) log(`waiting for ${writes.inFlight} running write(s) to finish`);
      await writes.drain();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          connections.closeAllConnections?.();
          resolve();
        }, graceMs);
        timer.unref();
        void stopped.then(() => {
          clearTimeout(timer);
          resolve();
        });
        connections.closeIdleConnections?.();
      });
      await engine.close();
    })();
    return closing;
  };
  if (options.handleSignals !== false) {
    const onSignal = (signal: string) => {
      log(`${signal}: finishing in-flight requests, then stopping`);
      void close().then(() => log('stopped'));
    };
    process.once('SIGTERM', () => onSignal('SIGTERM'));
    process.once('SIGINT', () => onSignal('SIGINT'));
  }
  return { url, port, engine, close };
}

/** Why the server could not listen, in words that say what to do. */
function listenError(cause: unknown, host: string, port: number): SearchError {
  const code = (cause as NodeJS.ErrnoException).code;
  const message =
    code === 'EADDRINUSE'
      ? `port ${port} is in use; pick another with --port, or stop what is listening there.`
      : code === 'EACCES'
        ? `not allowed to listen on port ${port}; pick one above 1023 with --port.`
        : code === 'EADDRNOTAVAIL'
          ? `${host} is not an address of this machine; use --host 127.0.0.1.`
          : `cannot listen on ${host}:${port}: ${(cause as Error).message}`;
  return new SearchError('ADDRESS_UNAVAILABLE', message, { cause });
}
