/** Messages between the search pool and its worker threads (structured-cloned). */
import type { SearchRequest, SearchResponse } from '../../index.js';
import type { ResultsRequest, ResultsResponse } from '../../results/index.js';
import type { WireError } from '../../worker-thread.js';

export type ToSearchWorker =
  | { kind: 'search'; id: number; request: SearchRequest }
  | { kind: 'results'; id: number; request: ResultsRequest }
  | { kind: 'warm'; id: number }
  | { kind: 'close' };

export type FromSearchWorker =
  | { kind: 'opened' }
  | { kind: 'failed'; error: WireError }
  | { kind: 'log'; line: string }
  | { kind: 'answer'; id: number; answer: SearchResponse | ResultsResponse }
  | { kind: 'error'; id: number; error: WireError }
  | { kind: 'closed' };
