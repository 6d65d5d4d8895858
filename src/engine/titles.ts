/**
 * Titles for articles that have none: what getArticle, listArticles and a results page show
 * is the article's own title, or one derived from its first words, marked `titleDerived`.
 */
import type { ArticleListing, ArticleListOptions, ChunkStore, StoredArticle } from '../backends/index.js';
import { displayTitle, type ResultCard, type TitleMark } from '../results/index.js';

/** Untitled articles whose text is read at once to derive their titles. */
const READ_AT_ONCE = 16;

/** The stored article with a derived title when it has none. */
export function withTitle<T extends StoredArticle>(article: T): T & TitleMark {
  return { ...article, ...displayTitle(article) };
}

/** Titles derived for the given untitled articles, by id. */
async function derivedTitles(store: ChunkStore, ids: readonly string[]): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  for (let i = 0; i < ids.length; i += READ_AT_ONCE) {
    const articles = await Promise.all(ids.slice(i, i + READ_AT_ONCE).map((id) => store.getArticle(id)));
    for (const a of articles) {
      const shown = a ? displayTitle(a) : undefined;
      if (a && shown?.titleDerived) titles.set(a.id, shown.title);
    }
  }
  return titles;
}

const untitled = (title: string) => title.trim() === '';

/** A listing page with derived titles for its untitled articles. */
export async function listWithTitles(
  store: ChunkStore,
  options: ArticleListOptions,
): Promise<{ total: number; articles: Array<ArticleListing & TitleMark> }> {
  const page = await store.listArticles(options);
  const ids = page.articles.filter((a) => untitled(a.title)).map((a) => a.id);
  if (ids.length === 0) return page;
  const titles = await derivedTitles(store, ids);
  return {
    total: page.total,
    articles: page.articles.map((a) => {
      const title = titles.get(a.id);
      return title === undefined ? a : { ...a, title, titleDerived: true as const };
    }),
  };
}

/** Give a page's untitled cards their derived titles (in place), from their articles already read. */
export function titleCardsFrom(cards: ResultCard[], articles: ReadonlyMap<string, StoredArticle>): void {
  const titles = new Map<string, string>();
  for (const card of cards) {
    const a = articles.get(card.articleId);
    const shown = a && untitled(card.title) ? displayTitle(a) : undefined;
    if (shown?.titleDerived) titles.set(card.articleId, shown.title);
  }
  setTitles(cards, titles);
}

function setTitles(cards: ResultCard[], titles: ReadonlyMap<string, string>): void {
  for (const card of cards) {
    const title = titles.get(card.articleId);
    if (title === undefined) continue;
    card.title = title;
    card.titleDerived = true;
  }
}
