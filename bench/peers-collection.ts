/** One collection as every peer system gets it, from its cached evaluation index. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Embedder } from '../src/embed/index.js';
import { parseQrels, readQueries } from '../src/evaluation/index.js';
import { cachedIndexAsBuilt } from './indexes.js';
import type { PeerPassage, PeerQuery } from './peers-common.js';
import { embeddedQueryText, readIndex } from './peers-semsearch.js';

/** One collection as every system gets it: passages with stored vectors, questions with shared vectors. */
export interface Collection {
  name: string;
  indexDir: string;
  stale: boolean;
  built: Awaited<ReturnType<typeof readIndex>>;
  passages: PeerPassage[];
  articleOf: Map<number, string>;
  queries: PeerQuery[];
  /** Question vectors by the text semsearch embeds. */
  shared: Map<string, Float32Array>;
  qrelsText: string;
  embedMs: number[];
}

export async function loadCollection(
  name: string,
  datasets: string,
  embedder: Embedder,
): Promise<Collection> {
  const dir = join(datasets, name);
  const { dir: indexDir, stale } = await cachedIndexAsBuilt(name, join(dir, 'corpus.jsonl'), 'q8');
  if (stale) {
    console.error(
      `${name}: the cached index predates the current chunking code; used as built (same data for every system)`,
    );
  }
  const built = await readIndex(indexDir);
  const passages: PeerPassage[] = built.passages.map((p) => ({
    id: p.id,
    articleId: p.articleId,
    text: `${p.title}\n${p.text}`,
    embedding: built.embeddings.get(p.id) as Float32Array,
  }));
  const qrelsText = readFileSync(join(dir, 'qrels.tsv'), 'utf8');
  const qrels = parseQrels(qrelsText);
  // As `npm run eval`: only questions with at least one relevant article count.
  const asked = readQueries(join(dir, 'queries.jsonl')).filter((q) =>
    [...(qrels.get(q.id)?.values() ?? [])].some((g) => g > 0),
  );
  const shared = new Map<string, Float32Array>();
  const embedMs: number[] = [];
  const queries: PeerQuery[] = [];
  for (const q of asked) {
    const text = embeddedQueryText(q.text);
    const t = performance.now();
    const vector = await embedder.embedQuery(text);
    embedMs.push(performance.now() - t);
    shared.set(text, vector);
    queries.push({ id: q.id, text: q.text, vector });
  }
  const articleOf = new Map(built.passages.map((p) => [p.id, p.articleId]));
  return { name, indexDir, stale, built, passages, articleOf, queries, shared, qrelsText, embedMs };
}
