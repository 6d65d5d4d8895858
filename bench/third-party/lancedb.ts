/**
 * Peer: LanceDB (embedded, Lance columnar files on disk). Hybrid search as its docs describe:
 * a full-text query (its own BM25 index: stemming, English stop words) and a vector query on
 * one table, merged by its built-in RRF reranker. No vector index: LanceDB then scans the
 * vectors exactly (its docs: an ANN index cuts the work on larger tables, at some recall).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { diskBytes, PEER_RRF_K, type PeerSystem } from '../peers-common.js';

export const lancedbPeer: PeerSystem = {
  name: 'LanceDB hybrid (FTS + vector, RRF)',
  async build(passages, dir) {
    const path = join(dir, 'lancedb');
    rmSync(path, { recursive: true, force: true });
    // Its native logger reads LANCEDB_LOG once, when the module loads: set it first to quiet a
    // warning it prints twice per hybrid query (about projecting _score/_distance).
    process.env.LANCEDB_LOG ??= 'error';
    const { connect, Index, rerankers } = await import('@lancedb/lancedb');
    const db = await connect(path);
    const table = await db.createTable(
      'passages',
      passages.map((p) => ({ id: p.id, text: p.text, vector: Array.from(p.embedding) })),
    );
    await table.createIndex('text', {
      config: Index.fts({ withPosition: false, stem: true, removeStopWords: true, language: 'English' }),
    });
    const rrf = await rerankers.RRFReranker.create(PEER_RRF_K);
    return {
      async search(query, depth) {
        const rows = await table
          .query()
          .fullTextSearch(query.text)
          .nearestTo(query.vector)
          .distanceType('cosine')
          .rerank(rrf)
          .select(['id'])
          .limit(depth)
          .toArray();
        return rows.map((r) => Number(r.id));
      },
      sizeBytes: () => diskBytes(path),
      async close() {
        table.close();
        db.close();
      },
    };
  },
};
