/**
 * HNSW over passage embeddings (hnswlib-node, cosine): the only module that imports it.
 * The graph is derived data: it is saved beside the database with the generation it was built
 * from and a checksum, and anything missing, stale or corrupt is rebuilt from SQLite.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import hnswlib from 'hnswlib-node';
import type { VectorHit } from '../vector-index.js';
import { type AnnIndex, checkDimension } from './ann-index.js';

const { HierarchicalNSW } = hnswlib;

/** Graph degree; 16 is hnswlib's recommended middle ground for 384-d text embeddings. */
export const HNSW_M = 16;
/** Build-time beam width. */
export const HNSW_EF_CONSTRUCTION = 200;
/** Query-time beam width (at least k is used). Chosen by the recall/speed sweep in `npm run bench`. */
export const HNSW_EF_SEARCH = 128;
const INITIAL_CAPACITY = 1024;
const RANDOM_SEED = 42;

export interface HnswOptions {
  dimension: number;
  m?: number;
  efConstruction?: number;
  efSearch?: number;
}

export interface HnswIndex extends AnnIndex {
  /** Deleted labels still inside the graph. */
  deletedCount(): number;
  setEfSearch(ef: number): void;
  /**
   * Write the graph and its sidecar (lineage, checksum, deleted labels) atomically. The graph
   * is written and hashed off the event loop; it must not change until the promise settles.
   */
  save(path: string, lineage: GraphLineage): Promise<void>;
}

/** Which database state a saved graph was built from. */
export interface GraphLineage {
  /** The database's identity. */
  identity: string;
  generation: number;
  /** The token of that generation's commit. */
  token: string;
}

interface Sidecar extends GraphLineage {
  dimension: number;
  sha256: string;
  deleted: number[];
  m: number;
  efConstruction: number;
}

/** The sidecar if it has every field with the right type (a sidecar holding `null` is not one). */
function parseSidecar(raw: string): Sidecar | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const s = value as Record<string, unknown>;
  const ok =
    typeof s.identity === 'string' &&
    typeof s.token === 'string' &&
    Number.isInteger(s.generation) &&
    Number.isInteger(s.dimension) &&
    typeof s.sha256 === 'string' &&
    Array.isArray(s.deleted) &&
    s.deleted.every((d) => Number.isInteger(d)) &&
    Number.isInteger(s.m) &&
    Number.isInteger(s.efConstruction);
  return ok ? (s as unknown as Sidecar) : undefined;
}

function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** The same digest, read in chunks off the event loop: a saved graph can be hundreds of MB. */
async function sha256FileAsync(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function wrap(
  graph: InstanceType<typeof HierarchicalNSW>,
  options: HnswOptions,
  deleted: Set<number>,
): HnswIndex {
  const { dimension } = options;
  const live = new Set<number>(graph.getIdsList().filter((id) => !deleted.has(id)));
  let ef = options.efSearch ?? HNSW_EF_SEARCH;
  const m = options.m ?? HNSW_M;
  const efConstruction = options.efConstruction ?? HNSW_EF_CONSTRUCTION;
  return {
    dimension,
    size: () => live.size,
    has: (id) => live.has(id),
    ids: () => [...live],
    deletedCount: () => deleted.size,
    setEfSearch(value) {
      ef = value;
    },
    add(id, vector) {
      checkDimension(dimension, vector, 'passage vector');
      if (!live.has(id) && !deleted.has(id) && graph.getCurrentCount() >= graph.getMaxElements()) {
        // A loaded graph's capacity is its saved count (possibly 0), so grow from a floor.
        graph.resizeIndex(Math.max(INITIAL_CAPACITY, graph.getMaxElements() * 2));
      }
      // For a label the graph knows (live or deleted), addPoint replaces its vector and
      // un-deletes it: a re-used passage id must never keep the old passage's vector.
      graph.addPoint(Array.from(vector), id);
      deleted.delete(id);
      live.add(id);
    },
    remove(id) {
      if (!live.has(id)) return;
      graph.markDelete(id);
      live.delete(id);
      deleted.add(id);
    },
    search(query, k, allowed) {
      checkDimension(dimension, query, 'query vector');
      const n = Math.min(k, allowed ? allowed.size : live.size);
      if (n <= 0) return [];
      graph.setEf(Math.max(ef, n));
      const filter = allowed ? (label: number) => allowed.has(label) : undefined;
      const result = graph.searchKnn(Array.from(query), n, filter);
      const hits: VectorHit[] = result.neighbors.map((id, i) => ({
        id,
        similarity: 1 - (result.distances[i] as number),
      }));
      return hits;
    },
    async save(path, lineage) {
      const tmp = `${path}.tmp-${process.pid}`;
      await graph.writeIndex(tmp);
      const sidecar: Sidecar = {
        ...lineage,
        dimension,
        sha256: await sha256FileAsync(tmp),
        deleted: [...deleted],
        m,
        efConstruction,
      };
      writeFileSync(`${tmp}.json`, JSON.stringify(sidecar));
      // Graph first, sidecar last: a sidecar always describes the graph file beside it.
      renameSync(tmp, path);
      renameSync(`${tmp}.json`, `${path}.json`);
    },
  };
}

/** An empty index. */
export function createHnswIndex(options: HnswOptions, capacity = INITIAL_CAPACITY): HnswIndex {
  const graph = new HierarchicalNSW('cosine', options.dimension);
  graph.initIndex(
    Math.max(capacity, 16),
    options.m ?? HNSW_M,
    options.efConstruction ?? HNSW_EF_CONSTRUCTION,
    RANDOM_SEED,
  );
  return wrap(graph, options, new Set());
}

export type LoadOutcome =
  | { status: 'loaded'; index: HnswIndex; lineage: GraphLineage }
  | { status: 'missing' | 'corrupt' | 'mismatch'; reason: string };

/** Load a saved graph if its sidecar vouches for it (checksum and dimension); never trust it blindly. */
export function loadHnswIndex(path: string, options: HnswOptions): LoadOutcome {
  let raw: string;
  try {
    raw = readFileSync(`${path}.json`, 'utf8');
  } catch {
    return { status: 'missing', reason: `no HNSW sidecar at ${path}.json` };
  }
  const sidecar = parseSidecar(raw);
  if (!sidecar) return { status: 'corrupt', reason: `HNSW sidecar ${path}.json is not a valid sidecar` };
  let actual: string;
  try {
    actual = sha256File(path);
  } catch {
    return { status: 'missing', reason: `no HNSW file at ${path}` };
  }
  // hnswlib can crash the process on a damaged file, so the checksum is checked before reading.
  if (actual !== sidecar.sha256)
    return { status: 'corrupt', reason: `HNSW file ${path} does not match its checksum` };
  if (sidecar.dimension !== options.dimension) {
    return {
      status: 'mismatch',
      reason: `HNSW file has dimension ${sidecar.dimension}, expected ${options.dimension}`,
    };
  }
  try {
    const graph = new HierarchicalNSW('cosine', options.dimension);
    graph.readIndexSync(path);
    return {
      status: 'loaded',
      index: wrap(graph, options, new Set(sidecar.deleted)),
      lineage: { identity: sidecar.identity, generation: sidecar.generation, token: sidecar.token },
    };
  } catch (err) {
    return { status: 'corrupt', reason: `HNSW file ${path} cannot be read: ${(err as Error).message}` };
  }
}

export function removeHnswFiles(path: string): void {
  rmSync(path, { force: true });
  rmSync(`${path}.json`, { force: true });
}
