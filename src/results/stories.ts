/**
 * One card per story: cards of copies of one article (the same file twice, a wire report run by
 * several outlets, an update with a paragraph changed) collapse into one, at the place of the
 * copy that ranked best. The card is led by the fullest copy among those that matched (the
 * longest text: an update with the added paragraph, not the version with its ending cut; for
 * exact copies, the best-ranked), and lists the story's other copies.
 */
import type { ArticleStory } from '../backends/index.js';
import type { ResultCard, StoryCopy } from './cards.js';

/** Cards collapsed by story, in rank order, each with the story's other copies (may be none). */
export function collapseStories(
  cards: readonly ResultCard[],
  stories: ReadonlyMap<string, ArticleStory>,
): ResultCard[] {
  const groups = new Map<string, ResultCard[]>();
  for (const card of cards) {
    const story = stories.get(card.articleId)?.story ?? card.articleId;
    const group = groups.get(story);
    if (group) group.push(card);
    else groups.set(story, [card]);
  }
  const out: ResultCard[] = [];
  for (const group of groups.values()) {
    const first = group[0] as ResultCard;
    const members = stories.get(first.articleId)?.members ?? [];
    const chars = new Map(members.map((m) => [m.id, m.chars]));
    let lead = first;
    for (const card of group) {
      if ((chars.get(card.articleId) ?? 0) > (chars.get(lead.articleId) ?? 0)) lead = card;
    }
    const copies: StoryCopy[] = members
      .filter((m) => m.id !== lead.articleId)
      .map(({ chars: _chars, ...copy }) => copy);
    out.push({ ...lead, rank: out.length + 1, copies });
  }
  return out;
}
