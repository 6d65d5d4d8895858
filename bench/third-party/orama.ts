/**
 * Peer: Orama 3.1, in memory, in JavaScript. Its own hybrid mode: BM25 over the text and
 * cosine over the vectors, merged by its default weights (0.5 / 0.5 of normalised scores).
 */
import { create, insertMultiple, search } from '@orama/orama';
import type { PeerSystem } from '../peers-common.js';

/** Documents per insertMultiple batch (Orama yields to the event loop between batches). */
const INSERT_BATCH = 500;

export const oramaPeer: PeerSystem = {
  name: 'Orama 3.1 hybrid',
  async build(passages) {
    const dimension = passages[0]?.embedding.length ?? 384;
    const db = create({
      schema: { text: 'string', embedding: `vector[${dimension}]` } as const,
    });
    await insertMultiple(
      db,
      passages.map((p) => ({ id: String(p.id), text: p.text, embedding: Array.from(p.embedding) })),
      INSERT_BATCH,
    );
    return {
      async search(query, depth) {
        const res = await search(db, {
          mode: 'hybrid',
          term: query.text,
          vector: { value: Array.from(query.vector), property: 'embedding' },
          similarity: 0,
          limit: depth,
        });
        return res.hits.map((h) => Number(h.id));
      },
      sizeBytes: () => undefined,
      async close() {},
    };
  },
};
