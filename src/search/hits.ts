/** From fused passages to the hits every front end shows: passage text, citation, highlights, scores. */
import type { StoredPassage } from '../store/index.js';
import type { FusedPassage } from './fusion.js';
import { highlightSentences } from './highlight.js';
import type { Hit } from './types.js';

export function toHit(fused: FusedPassage, passage: StoredPassage, rank: number, query: string): Hit {
  // Sentences are found within the passage alone, so its own text is enough: no article
  // fetch on the query path. Offsets are shifted into the article.
  const highlights = highlightSentences(passage.text, 0, passage.text.length, query).map((h) => ({
    start: h.start + passage.start,
    end: h.end + passage.start,
  }));
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
    scores: {
      dense: fused.dense,
      denseRank: fused.denseRank,
      bm25: fused.bm25,
      lexicalRank: fused.lexicalRank,
    },
  };
}
