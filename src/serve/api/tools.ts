/**
 * The tools chat models call, defined once: `search_articles` and `get_article`, with their
 * input schemas, handlers, a readable text rendering, and the OpenAI-style function list.
 */
import { z } from '@hono/zod-openapi';
import { SearchError } from '../../errors.js';
import type { SearchEngine, SpeakerList, StatementsResponse, StoredArticle } from '../../index.js';
import {
  matchesNote,
  type ResultsResponse,
  speakerHeadline,
  statementAlso,
  statementByline,
  statementWords,
  type TitleMark,
} from '../../results/index.js';
import { SearchInputSchema } from './schemas.js';
import {
  ARTICLE_PAGE_CHARS,
  FindStatementsInputSchema,
  GetArticleInputSchema,
  ListCollectionsInputSchema,
  ListSpeakersInputSchema,
} from './tool-schemas.js';

export const SEARCH_TOOL = {
  name: 'search_articles',
  title: 'Search news articles',
  description:
    'Semantic + keyword search over the local news archive. Returns the best passages with article id, title, place, date, source, character offsets, highlighted sentences and a score. Cite passages by articleId and offsets.',
  inputSchema: SearchInputSchema,
} as const;

export const STATEMENTS_TOOL = {
  name: 'find_statements',
  title: 'Find what someone said',
  description:
    'What a person said (on a topic): their quotations and reported words in the articles a search finds, with who, the verb, the article id, date, source and character offsets to cite, most about the topic first. The speaker may be typed as a surname, a title and name or misspelt; say so when no one by that name is quoted.',
  inputSchema: FindStatementsInputSchema,
} as const;

export function runStatementsTool(
  engine: SearchEngine,
  input: z.infer<typeof FindStatementsInputSchema>,
): Promise<StatementsResponse> {
  return engine.statements({
    speaker: input.speaker,
    topic: input.topic,
    dateFrom: input.from,
    dateTo: input.to,
    limit: input.k,
  });
}

export const SPEAKERS_TOOL = {
  name: 'list_speakers',
  title: 'List the most quoted people',
  description:
    'The people (and organisations) the archive quotes most, with their statement and article counts, the dates of those articles and the roles the articles give them; optionally within collections or dates. Use a name from it with find_statements.',
  inputSchema: ListSpeakersInputSchema,
} as const;

export function runSpeakersTool(
  engine: SearchEngine,
  input: z.infer<typeof ListSpeakersInputSchema>,
): Promise<SpeakerList> {
  return engine.speakers({
    limit: input.limit ?? 20,
    collections: input.collections,
    dateFrom: input.from,
    dateTo: input.to,
  });
}

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** The speakers as text a chat model reads. */
export function renderSpeakersText(list: SpeakerList): string {
  if (list.speakers.length === 0) return 'No one is quoted in the articles asked for.';
  const lines = list.speakers.map((s, i) => {
    const dates = s.firstDate && s.lastDate ? `, ${s.firstDate} to ${s.lastDate}` : '';
    const roles = s.roles.length > 0 ? ` (${s.roles.slice(0, 3).join(', ')})` : '';
    return `${i + 1}. ${s.name}${roles}: ${count(s.statements, 'statement')} in ${count(s.articles, 'article')}${dates}`;
  });
  const people = list.total === 1 ? '1 person' : `${list.total} people`;
  return `${people} quoted; the most quoted:\n\n${lines.join('\n')}`;
}

/** The statements as text a chat model reads: who, the words, when, where, and what to cite. */
export function renderStatementsText(r: StatementsResponse): string {
  const { asked, topic, matched, quotedIn } = r.speaker;
  if (matched.length === 0) return `No one named ${asked} is quoted in the articles found.`;
  // On a topic, the line every front end puts over a speaker's statements.
  const head = topic
    ? speakerHeadline(r)
    : `What ${matched[0] as string} said (${count(quotedIn, 'article')} found):`;
  const lines = r.statements.map(
    (st, i) =>
      `${i + 1}. ${statementWords(st)}\n   — ${statementByline(st)} [article ${st.articleId}, chars ${st.start}-${st.end}]${st.alsoIn.length > 0 ? ` (${statementAlso(st)})` : ''}`,
  );
  return `${head}\n\n${lines.join('\n\n')}`;
}

export const ARTICLE_TOOL = {
  name: 'get_article',
  title: 'Read one article',
  description:
    'Read one article by the id a search result gave: metadata and its text in pages (offset, maxChars; the answer gives totalChars and nextOffset).',
  inputSchema: GetArticleInputSchema,
} as const;

export const COLLECTIONS_TOOL = {
  name: 'list_collections',
  title: 'List the collections',
  description:
    'The collections (watched folders, followed feeds), sources and date range of the archive, with article counts.',
  inputSchema: ListCollectionsInputSchema,
} as const;

export type SearchToolInput = z.infer<typeof SearchInputSchema>;

export function runSearchTool(engine: SearchEngine, input: SearchToolInput): Promise<ResultsResponse> {
  const { k, ...rest } = input;
  return engine.results({ ...rest, limit: k });
}

export async function runArticleTool(
  engine: SearchEngine,
  input: { id: string },
): Promise<StoredArticle & TitleMark> {
  const article = await engine.getArticle(input.id);
  if (!article)
    throw new SearchError(
      'NOT_FOUND',
      `No article with id "${input.id}"; use an articleId from search_articles.`,
    );
  return article;
}

/**
 * The result as text for a model: one block per article, each passage once (its snippet, with
 * the article id and passage offsets to cite), and how to read more.
 */
export function renderSearchText(response: ResultsResponse): string {
  if (response.cards.length === 0) {
    return response.total > 0
      ? `No more results for "${response.query}" after ${response.offset}; ${response.total} in all.`
      : `No articles found for "${response.query}".`;
  }
  const speaker = speakerHeadline(response);
  const said = (response.statements ?? []).map(
    (st, i) =>
      `${i + 1}. ${statementWords(st)}\n   — ${statementByline(st)} [article ${st.articleId}, chars ${st.start}-${st.end}]${st.alsoIn.length > 0 ? ` (${statementAlso(st)})` : ''}`,
  );
  const lead = speaker
    ? `${speaker}\n\n${said.length > 0 ? `${said.join('\n\n')}\n\nArticles:\n\n` : ''}`
    : '';
  const head =
    response.match === 'none'
      ? 'No good match; the closest articles:'
      : response.match === 'weak'
        ? 'These may not answer the question:'
        : `Articles ${response.offset + 1}-${response.offset + response.cards.length} of ${response.total}${response.totalIsEstimate ? '+' : ''}${matchesNote(response) ? ` (${matchesNote(response)})` : ''}:`;
  const blocks = response.cards.map((card) => {
    const lines = [
      `${card.rank}. ${card.title || card.articleId}${card.titleDerived ? ` ${DERIVED_NOTE}` : ''}${card.meta ? ` (${card.meta})` : ''} [article ${card.articleId}]`,
    ];
    for (const s of card.snippets) lines.push(`   [chars ${s.start}-${s.end}] ${s.text}`);
    const copies = card.copies ?? [];
    if (copies.length > 0) {
      const names = copies.map((c) => `${c.source ?? 'article'} ${c.id}`).join(', ');
      lines.push(
        `   also: ${copies.length} ${copies.length === 1 ? 'copy' : 'copies'} of this story (${names})`,
      );
    }
    return lines.join('\n');
  });
  return `${lead}${speaker ? '' : `${head}\n\n`}${blocks.join('\n\n')}\n\nRead a whole article with get_article (id, offset, maxChars).`;
}

/** What a model reads after a title derived from the article's first words. */
const DERIVED_NOTE = '(untitled; no title, its first words)';

export interface ArticlePage extends StoredArticle, TitleMark {
  offset: number;
  totalChars: number;
  nextOffset: number | null;
}

/** One page of an article's text; pages concatenate to the whole text. */
export function pageOfArticle(
  a: StoredArticle & TitleMark,
  offset = 0,
  maxChars = ARTICLE_PAGE_CHARS,
): ArticlePage {
  const start = Math.min(offset, a.text.length);
  const end = Math.min(a.text.length, start + maxChars);
  return {
    ...a,
    text: a.text.slice(start, end),
    offset: start,
    totalChars: a.text.length,
    nextOffset: end < a.text.length ? end : null,
  };
}

export function renderArticleText(a: ArticlePage): string {
  const where = [a.place, a.date, a.source].filter(Boolean).join(', ');
  const range =
    a.nextOffset === null && a.offset === 0
      ? ''
      : `\n\n[characters ${a.offset}-${a.offset + a.text.length} of ${a.totalChars}${a.nextOffset !== null ? `; continue with offset ${a.nextOffset}` : '; end of article'}]`;
  return `${a.title}${a.titleDerived ? ` ${DERIVED_NOTE}` : ''}${where ? ` (${where})` : ''} [article ${a.id}]\n\n${a.text}${range}`;
}

/** OpenAI-style function definitions (`tools` of the Chat Completions API), from the same schemas. */
export function openAiTools(): Array<{
  type: 'function';
  function: { name: string; description: string; parameters: unknown };
}> {
  return [SEARCH_TOOL, ARTICLE_TOOL, COLLECTIONS_TOOL].map((t) => {
    const { $schema: _drop, ...parameters } = z.toJSONSchema(t.inputSchema, { io: 'input' }) as Record<
      string,
      unknown
    >;
    return { type: 'function' as const, function: { name: t.name, description: t.description, parameters } };
  });
}
