/** From fused passages to the hits every front end shows: passage text, citation, highlights, scores. */
import type { ParsedQuery } from '../analysis/index.js';
import type { Chosen } from './choose.js';
import { highlightSentences } from './highlight.js';
import { GOOD_MATCH } from './relevance.js';
import type { Highlight, Hit } from './types.js';

/**
 * The best sentences of a passage for the query, as article offsets. Sentences are found
 * within the passage alone, so its own text is enough: no article fetch on the query path.
 */
export function hitHighlights(passage: { text: string; start: number }, query: ParsedQuery): Highlight[] {
  return highlightSentences(passage.text, 0, passage.text.length, query).map((h) => ({
    start: h.start + passage.start,
    end: h.end + passage.start,
  }));
}

/** A chosen passage as a hit; highlights only when asked (a page highlights its own hits later). */
export function toHit(
  { candidate, score }: Chosen,
  rank: number,
  query: ParsedQuery,
  highlight: boolean,
): Hit {
  const { passage } = candidate;
  return {
    rank,
    passageId: passage.id,
    articleId: passage.articleId,
    title: passage.title,
    place: passage.place,
    date: passage.date,
    source: passage.source,
    collection: passage.collection,
    paragraph: passage.paragraph,
    start: passage.start,
    end: passage.end,
    text: passage.text,
    highlights: highlight ? hitHighlights(passage, query) : [],
    score,
    relevance: candidate.relevance,
    weak: candidate.relevance < GOOD_MATCH,
    scores: {
      dense: candidate.cosine ?? null,
      coverage: candidate.coverage ?? 0,
      denseRank: candidate.denseRank,
      bm25: candidate.bm25,
      lexicalRank: candidate.lexicalRank,
    },
  };
}
