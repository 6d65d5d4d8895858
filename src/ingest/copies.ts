/**
 * Copies at ingest: each article checked against every article stored before and earlier in
 * the run (exact copies by text hash, near copies by sketch, see src/copies), and each
 * passage's embedded text looked up before the model is called, so identical text is embedded
 * once and copies cost no model time.
 */
import type { ChunkStore } from '../backends/index.js';
import {
  type CopyFacts,
  type CopyMatch,
  createCopyFinder,
  embeddingKey,
  sketchInSlices,
  textHash,
} from '../copies/index.js';
import type { Embedder } from '../embed/index.js';
import type { Article } from '../parse/index.js';
import { inSlices } from '../slices.js';

export interface CopyCheck {
  /** What is stored with the article: its story and fingerprints. */
  facts: CopyFacts;
  /** The stored (or earlier) article it copies, if any. */
  match: CopyMatch | undefined;
}

/** A checker over the whole index: `check` gives an article its story and remembers it. */
export async function copyChecker(store: ChunkStore): Promise<(article: Article) => Promise<CopyCheck>> {
  const finder = createCopyFinder(await store.articleCopies());
  return async (article) => {
    const hash = textHash(article.title, article.text);
    const sketch = await sketchInSlices(article.title, article.text);
    const match = finder.find(article.id, hash, sketch);
    const facts: CopyFacts = { story: match?.story ?? article.id, textHash: hash, sketch };
    finder.add(article.id, facts);
    return { facts, match };
  };
}

export interface EmbeddedOnce {
  vectors: Float32Array[];
  keys: string[];
  truncated: number;
  /** Texts the model embedded. */
  embedded: number;
  /** Texts that took a vector stored before or computed for the same text in this batch. */
  reused: number;
}

/** Vectors for `texts`: each distinct text not stored before goes to the model, once. */
export async function embedOnce(
  store: ChunkStore,
  embedder: Embedder,
  texts: readonly string[],
  tokenIds: ReadonlyArray<number[] | undefined>,
): Promise<EmbeddedOnce> {
  const keys: string[] = [];
  await inSlices(texts, (text) => keys.push(embeddingKey(text)));
  const first = new Map<string, number>();
  keys.forEach((k, i) => {
    if (!first.has(k)) first.set(k, i);
  });
  const stored = await store.embeddingsByKey([...first.keys()]);
  const todo = [...first].filter(([k]) => !stored.has(k)).map(([, i]) => i);
  const fresh =
    todo.length > 0
      ? await embedder.embedPassages(
          todo.map((i) => texts[i] as string),
          todo.map((i) => tokenIds[i]),
        )
      : { vectors: [], truncated: 0 };
  const byKey = new Map(stored);
  for (const [j, i] of todo.entries()) byKey.set(keys[i] as string, fresh.vectors[j] as Float32Array);
  return {
    vectors: keys.map((k) => byKey.get(k) as Float32Array),
    keys,
    truncated: fresh.truncated,
    embedded: todo.length,
    reused: texts.length - todo.length,
  };
}
