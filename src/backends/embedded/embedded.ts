/**
 * The embedded backend: SQLite (the truth) with an HNSW graph derived from it beside the
 * database, in one index folder. The default, and what every other backend is measured against.
 */
import { join } from 'node:path';
import type { Backend } from '../backend.js';
import { withOffThreadWrites } from './off-thread-writes.js';
import { createSqliteStore } from './sqlite-store.js';
import { createSyncedVectorIndex } from './synced-vector-index.js';

export const HNSW_FILE = 'vectors.hnsw';

export interface EmbeddedBackendOptions {
  /** The index folder. */
  dir: string;
  /** Fail with INDEX_NOT_FOUND instead of creating a new index. @default false */
  mustExist?: boolean;
  /** Open for reading only (writes fail INDEX_READ_ONLY). @default false: only when the index cannot be written */
  readOnly?: boolean | undefined;
  /** `hnsw` (the default) or `exact` brute-force search, e.g. to check HNSW against. */
  vectors?: 'hnsw' | 'exact';
  log?: ((line: string) => void) | undefined;
  /** Housekeeping lines (HNSW compaction), for a debug log. */
  debug?: ((line: string) => void) | undefined;
  /** Write large batches on a worker thread (a server: its HTTP thread stays live). @default false */
  offThreadWrites?: boolean | undefined;
}

export function openEmbeddedBackend(options: EmbeddedBackendOptions): Backend {
  const log = options.log ?? (() => {});
  const opened = createSqliteStore({
    dir: options.dir,
    mustExist: options.mustExist ?? false,
    readOnly: options.readOnly,
    log,
  });
  const store = options.offThreadWrites ? withOffThreadWrites(opened) : opened;
  const vectorIndex = createSyncedVectorIndex({
    source: store.source,
    kind: options.vectors ?? 'hnsw',
    path: join(options.dir, HNSW_FILE),
    log,
    debug: options.debug,
  });
  return { store, vectorIndex, maintenance: store.maintenance };
}
