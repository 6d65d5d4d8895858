/** From fused passages to the hits every front end shows: passage text, citation, highlights, scores. */
import type { StoredPassage } from '../backends/index.js';
import type { FusedPassage } from './fusion.js';
import { highlightSentences } from './highlight.js';
import { GOOD_MATCH } from './relevance.js';
import type { Highlight, Hit } from './types.js';

export interface HitEvidence {
  cosine: number | null;
  coverage: number;
  relevance: number;
}

/**
 * The best sentences of a passage for the query, as article offsets. Sentences are found
 * within the passage alone, so its own text is enough: no article fetch on the query path.
 */
export function hitHighlights(passage: { text: string; start: number }, query: string): Highlight[] {
  return highlightSentences(passage.text, 0, passage.text.length, query).map((h) => ({
    start: h.start + passage.start,
    end: h.end + passage.start,
  }));
}

export function toHit(
  fused: FusedPassage,
  passage: StoredPassage,
  rank: number,
  query: string,
  evidence: HitEvidence,
  highlight = true,
): Hit {
  const highlights = highlight ? hitHighlights(passage, query) : [];
  return {
    rank,
    passageId: passage.id,
    articleId: passage.articleId,
    title: passage.title,
    place: passage.place,
    date: passage.date,
    source: passage.source,
    paragraph: passage.paragraph,
    start: passage.start,
    end: passage.end,
    text: passage.text,
    highlights,
    score: fused.score,
    relevance: evidence.relevance,
    weak: evidence.relevance < GOOD_MATCH,
    scores: {
      dense: evidence.cosine,
      coverage: evidence.coverage,
      denseRank: fused.denseRank,
      bm25: fused.bm25,
      lexicalRank: fused.lexicalRank,
    },
  };
}
