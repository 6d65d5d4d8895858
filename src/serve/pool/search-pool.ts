/**
 * The server's searches on worker threads. A search's work after its embedding (HNSW, BM25,
 * fusion, evidence, hits, then the cards and snippets) runs in one synchronous stretch, and with 64 clients searching the
 * server's own thread was never free: /health waited a quarter of a second at the median
 * (bench/liveness.ts). Each worker opens the index as a reader with its own model; the server
 * keeps the writes. A request goes to the worker with the fewest searches under way.
 *
 * A worker that fails to open, or dies, is dropped (and its searches answered with an error);
 * with none left, searches run on the calling thread (`fallback`), as they did before.
 */
import type { ResolvedConfig } from '../../config.js';
import { SearchError } from '../../errors.js';
import type { SearchRequest, SearchResponse } from '../../index.js';
import type { ResultsRequest, ResultsResponse } from '../../results/index.js';
import { errorFromWire, spawnWorker } from '../../worker-thread.js';
import type { FromSearchWorker, ToSearchWorker } from './search-worker-protocol.js';

export interface SearchPoolOptions {
  config: ResolvedConfig;
  /** Worker threads. */
  size: number;
  /** Where searches and results go when no worker is left. */
  fallback: {
    search: (request: SearchRequest) => Promise<SearchResponse>;
    results: (request: ResultsRequest) => Promise<ResultsResponse>;
  };
  log?: (line: string) => void;
}

export interface SearchPool {
  /** Workers alive. */
  readonly size: number;
  /** Whether a worker has answered a search (its model and graph are loaded). */
  readonly warm: boolean;
  search(request: SearchRequest): Promise<SearchResponse>;
  /** A page of result cards (src/serve/results), worked out on a worker. */
  results(request: ResultsRequest): Promise<ResultsResponse>;
  /** Load the model and the vector index in every worker. */
  warmUp(): Promise<void>;
  /** Let running searches finish, then stop the workers. */
  close(): Promise<void>;
}

type Answer = SearchResponse | ResultsResponse;

interface Waiter {
  resolve: (answer: Answer) => void;
  reject: (error: unknown) => void;
}

interface Member {
  post: (message: ToSearchWorker) => void;
  pending: Map<number, Waiter>;
  stop: () => Promise<void>;
  /** False once the worker has stopped (it may stop before the pool has finished starting). */
  alive: boolean;
  /** True once it has answered a search: its model and graph are loaded. */
  warm: boolean;
}

/** How long closing waits for a worker's running searches before ending it anyway. */
export const WORKER_STOP_GRACE_MS = 10_000;

/** Start one worker; resolves once its engine is open (or rejects with why it could not open). */
function startMember(
  config: ResolvedConfig,
  log: (line: string) => void,
  onDeath: (member: Member) => void,
): Promise<Member> {
  const worker = spawnWorker(import.meta.url, 'search-worker', config);
  worker.unref(); // the server's socket keeps the process alive, not an idle worker
  const pending = new Map<number, Waiter>();
  let closing = false;
  let closed: (() => void) | undefined;
  const member: Member = {
    pending,
    post: (message) => worker.postMessage(message),
    alive: true,
    warm: false,
    stop: () =>
      new Promise<void>((resolve) => {
        closing = true;
        closed = resolve;
        worker.ref(); // until it has stopped: whoever awaits close() must not be cut short
        worker.postMessage({ kind: 'close' } satisfies ToSearchWorker);
        // A search that never ends must not keep the process from stopping.
        setTimeout(resolve, WORKER_STOP_GRACE_MS).unref();
      }).then(() => worker.terminate().then(() => undefined)),
  };
  return new Promise<Member>((resolve, reject) => {
    worker.on('message', (m: FromSearchWorker) => {
      if (m.kind === 'log') log(m.line);
      else if (m.kind === 'opened') resolve(member);
      else if (m.kind === 'failed') {
        reject(errorFromWire(m.error));
        void worker.terminate();
      } else if (m.kind === 'closed') closed?.();
      else {
        const waiter = pending.get(m.id);
        pending.delete(m.id);
        if (m.kind === 'answer') {
          member.warm = true;
          waiter?.resolve(m.answer);
        } else waiter?.reject(errorFromWire(m.error));
      }
    });
    const die = (why: string) => {
      closed?.();
      if (!member.alive) return; // 'error' and 'exit' both report one death
      member.alive = false;
      const error = new SearchError(
        'BACKEND_UNAVAILABLE',
        `A search worker stopped (${why}); the search was not answered. Retry it; if it happens again, restart semsearch serve.`,
      );
      reject(error);
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
      if (!closing) onDeath(member);
    };
    worker.on('error', (error) => die(error.message));
    worker.on('exit', (code) => die(`exit code ${code}`));
  });
}

export async function createSearchPool(options: SearchPoolOptions): Promise<SearchPool> {
  const log = options.log ?? (() => {});
  let members: Member[] = [];
  let nextId = 1;
  const drop = (dead: Member) => {
    if (!members.includes(dead)) return; // still starting: it is left out when the pool starts
    members = members.filter((m) => m !== dead);
    log(`a search worker stopped; ${members.length} left`);
  };
  const started = await Promise.allSettled(
    Array.from({ length: options.size }, () => startMember(options.config, log, drop)),
  );
  for (const s of started) {
    // One that opened and then stopped while the others were still opening is not kept.
    if (s.status === 'fulfilled' && s.value.alive) members.push(s.value);
    else if (s.status === 'rejected')
      log(`a search worker could not open the index: ${(s.reason as Error).message}`);
  }

  const ask = <T extends Answer>(member: Member, message: ToSearchWorker & { id: number }) =>
    new Promise<T>((resolve, reject) => {
      member.pending.set(message.id, { resolve: resolve as (a: Answer) => void, reject });
      member.post(message);
    });
  const leastBusy = () =>
    members.reduce<Member | undefined>(
      (best, m) => (best === undefined || m.pending.size < best.pending.size ? m : best),
      undefined,
    );

  return {
    get size() {
      return members.length;
    },
    get warm() {
      return members.some((m) => m.warm);
    },
    search(request) {
      const member = leastBusy();
      if (!member) return options.fallback.search(request);
      return ask<SearchResponse>(member, { kind: 'search', id: nextId++, request });
    },
    results(request) {
      const member = leastBusy();
      if (!member) return options.fallback.results(request);
      return ask<ResultsResponse>(member, { kind: 'results', id: nextId++, request });
    },
    async warmUp() {
      const results = await Promise.allSettled(members.map((m) => ask(m, { kind: 'warm', id: nextId++ })));
      const failed = results.find((r) => r.status === 'rejected');
      if (failed) throw (failed as PromiseRejectedResult).reason;
    },
    async close() {
      const all = members;
      members = [];
      await Promise.all(all.map((m) => m.stop()));
    },
  };
}
