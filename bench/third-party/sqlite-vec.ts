/**
 * Peer: SQLite FTS5 + sqlite-vec, the design qmd uses. One database file: an FTS5 table
 * (porter stemming, BM25) and a vec0 table (brute-force cosine KNN over float32 vectors), each
 * queried for its top passages, fused by rank (qmd's RRF with a top-rank bonus).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import { diskBytes, ftsOrQuery, fuseRanks, type PeerSystem } from '../peers-common.js';

const asBlob = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

export const sqliteVecPeer: PeerSystem = {
  name: 'SQLite FTS5 + sqlite-vec (RRF)',
  async build(passages, dir) {
    const file = join(dir, 'peer.db');
    rmSync(file, { force: true });
    const db = new Database(file);
    sqliteVec.load(db);
    const dimension = passages[0]?.embedding.length ?? 0;
    db.exec(`
      CREATE VIRTUAL TABLE passages_fts USING fts5(text, tokenize = 'porter unicode61');
      CREATE VIRTUAL TABLE passages_vec USING vec0(
        passage_id INTEGER PRIMARY KEY, embedding float[${dimension}] distance_metric=cosine);
    `);
    const addText = db.prepare('INSERT INTO passages_fts(rowid, text) VALUES (?, ?)');
    const addVector = db.prepare('INSERT INTO passages_vec(passage_id, embedding) VALUES (?, ?)');
    db.transaction(() => {
      for (const p of passages) {
        addText.run(p.id, p.text);
        // vec0 wants an integer key; a JS number is bound as a double.
        addVector.run(BigInt(p.id), asBlob(p.embedding));
      }
    })();
    const lexical = db.prepare<[string, number], { rowid: number }>(
      'SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rank LIMIT ?',
    );
    const dense = db.prepare<[Buffer, number], { passage_id: number }>(
      'SELECT passage_id FROM passages_vec WHERE embedding MATCH ? AND k = ? ORDER BY distance',
    );
    return {
      async search(query, depth) {
        const match = ftsOrQuery(query.text);
        const lexicalIds = match ? lexical.all(match, depth).map((r) => r.rowid) : [];
        const denseIds = dense.all(asBlob(query.vector), depth).map((r) => r.passage_id);
        return fuseRanks([denseIds, lexicalIds]);
      },
      sizeBytes: () => diskBytes(file),
      async close() {
        db.close();
      },
    };
  },
};
