/** What every section of `npm run bench` shares: options, the report, the cached SciFact index. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type EvalQuery, readQueries, type SearchEngine } from '../../src/index.js';
import { type BenchBackend, openCachedIndex } from '../indexes.js';
import { fmt } from '../lib.js';

export interface BenchContext {
  datasets: string;
  /** `--full`: the whole State of the Union corpus in the ingest section. */
  full: boolean;
  where: BenchBackend;
  /** Where the converted model is cached. */
  cacheDir: string;
  /** Seconds of each HTTP load run. */
  loadSeconds: number;
  /** What the run writes to its JSON file, section by section. */
  report: Record<string, unknown>;
  scifactQueries: EvalQuery[];
  /** The SciFact index (built once into .cache/eval, then reused), opened on first use. */
  scifact(): Promise<SearchEngine>;
  /** Closes it, if open (before a server process opens the same index). */
  closeScifact(): Promise<void>;
}

export function createContext(
  options: Omit<BenchContext, 'scifactQueries' | 'scifact' | 'closeScifact'>,
): BenchContext {
  let engine: SearchEngine | undefined;
  const { datasets, where, report } = options;
  return {
    ...options,
    scifactQueries: readQueries(join(datasets, 'scifact', 'queries.jsonl')),
    async scifact() {
      if (engine) return engine;
      const opened = await openCachedIndex(
        'scifact',
        join(datasets, 'scifact', 'corpus.jsonl'),
        'q8',
        true,
        where,
      );
      engine = opened.engine;
      const stats = await engine.stats();
      report.scifactIndex = {
        backend: where.backend,
        builtNow: opened.builtNow,
        seconds: opened.seconds,
        ...stats,
      };
      if (opened.builtNow) {
        console.log(
          `\nSciFact ingest (${where.backend}): ${stats.passages} passages in ${fmt(opened.seconds)} s = ${fmt(stats.passages / opened.seconds)} passages/s (embedding included)`,
        );
      }
      return engine;
    },
    async closeScifact() {
      await engine?.close();
      engine = undefined;
    },
  };
}

export const readJsonl = (path: string) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
