/**
 * Changes that leave the embedded text alone: an article whose date, source, place or other
 * metadata changed (its title, text and passages did not) keeps its passages, their vectors
 * and the vector index's graph; only its own fields are written again. What is embedded for a
 * passage is its text with the title (and, if the index says so, the lede) as context lines,
 * so the same title and the same passages under the same keys mean the same vectors.
 */
import type { ArticleLayout, ChunkStore } from '../backends/index.js';
import type { PassageDraft } from '../chunk/index.js';

export interface Candidate {
  id: string;
  title: string;
  passages: readonly PassageDraft[];
  /** The embedded-text key of each passage (see embeddingKey). */
  keys: readonly string[];
}

/**
 * The ids among `candidates` (stored articles that changed) whose stored title and passages
 * (place, order and embedded-text key) are what this ingest would write; none when the store
 * cannot keep passages while it rewrites an article.
 */
export async function fieldsOnlyIds(
  store: ChunkStore,
  candidates: readonly Candidate[],
): Promise<Set<string>> {
  const out = new Set<string>();
  if (!store.capabilities.fieldUpdates || candidates.length === 0) return out;
  const layouts = await store.articleLayouts(candidates.map((c) => c.id));
  for (const c of candidates) {
    const layout = layouts.get(c.id);
    if (layout && sameLayout(layout, c)) out.add(c.id);
  }
  return out;
}

function sameLayout(layout: ArticleLayout, c: Candidate): boolean {
  if (layout.title !== c.title || layout.passages.length !== c.passages.length) return false;
  return c.passages.every((d, i) => {
    const p = layout.passages[i];
    return (
      p !== undefined &&
      p.key !== null &&
      p.key === c.keys[i] &&
      p.ordinal === d.ordinal &&
      p.paragraph === d.paragraph &&
      p.start === d.start &&
      p.end === d.end
    );
  });
}
