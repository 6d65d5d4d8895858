/**
 * Fetched pages read off the calling thread. Readability on linkedom grows much faster than
 * linearly with a page's nesting, and a page within HTML_LIMITS can still take seconds (190
 * nested elements around 5,000 paragraphs, 64 KB: 13 s on a loaded 2-core machine). `serve
 * --follow` read pages on the thread that answers HTTP, so one such page held `/health` for
 * as long. Here one worker thread reads the pages, one at a time, and one that takes longer
 * than PAGE_READ_LIMIT_MS is given up: the worker is stopped and the next page gets a new one.
 */
import type { Worker } from 'node:worker_threads';
import { SearchError } from '../errors.js';
import { callWorker, spawnWorker, type WireError } from '../worker-thread.js';
import type { ExtractedPage } from './readability.js';

/** Longest a page may take to read; no article needs a tenth of it. */
export const PAGE_READ_LIMIT_MS = 30_000;

export interface ToPageWorker {
  id: number;
  html: string;
}
export type FromPageWorker =
  | { id: number; page: ExtractedPage | undefined; error?: undefined }
  | { id: number; error: WireError; page?: undefined };

let worker: Worker | undefined;
let nextId = 0;
let reading = 0;
/** One page at a time: the limit then times the page itself, not a wait behind others. */
let line: Promise<unknown> = Promise.resolve();

/** Pages being read or waiting to be (for tests: a read is known to be under way). */
export const pagesBeingRead = () => reading;

/** The page's article (extractPage, readability.ts), read on a worker thread. */
export function readPage(html: string, limitMs = PAGE_READ_LIMIT_MS): Promise<ExtractedPage | undefined> {
  reading++;
  const turn = line.then(() => readOnWorker(html, limitMs));
  line = turn.catch(() => undefined);
  return turn.finally(() => {
    reading--;
  });
}

function readOnWorker(html: string, limitMs: number): Promise<ExtractedPage | undefined> {
  worker ??= spawnWorker(import.meta.url, 'page-worker', undefined);
  const w = worker;
  const id = nextId++;
  // A running read keeps the process up; an idle worker does not.
  return callWorker<FromPageWorker, ToPageWorker>(w, { id, html } satisfies ToPageWorker, {
    name: 'the page reader',
    limitMs,
    timeout: () =>
      new SearchError(
        'BAD_INPUT',
        `the page took over ${limitMs / 1000} s to read (nested too deep?); skipped.`,
      ),
    settled: () => {
      if (worker === w) w.unref();
    },
    lost: () => {
      if (worker === w) worker = undefined;
      void w.terminate();
    },
  }).then((m) => m.page);
}
