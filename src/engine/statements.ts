/**
 * For a question about what someone said: the speaker matched against the index's speakers,
 * their statements (stored at ingest) in the articles a search found and in further articles
 * where they are on the topic, ranked by the topic (src/results/statements.ts).
 */
import { matchStems, parseQuery, statementQuestion, stemMatches } from '../analysis/index.js';
import type { SearchFilters, StoredArticle } from '../backends/index.js';
import { sentenceSpans } from '../chunk/index.js';
import { Lru } from '../lru.js';
import {
  answerStatements,
  displayTitle,
  matchedSpeakers,
  type QuotedArticle,
  type SpeakerAnswer,
} from '../results/index.js';
import type { EngineContext } from '../search/context.js';
import type { Hit } from '../search/index.js';
import { extractStatements, STATEMENTS_VERSION, type Statement } from '../statements/index.js';
import { indexSpeakers, isRole, personInRole, speakersNamed } from './speakers.js';

/** Articles read for statements: the first cards, where a speaker's words on the topic are. */
export const STATEMENT_ARTICLES = 12;
/** Articles beyond those whose statements by the matched speaker may compete, when on the topic. */
export const FURTHER_ARTICLES = 12;
/** The matched speaker's articles (newest first) looked through for statements on the topic. */
const FURTHER_LOOKED_AT = 300;
/** Articles whose statements are remembered (about 5 statements each), for an index that has none stored. */
const STATEMENTS_KEPT = 2_000;

const extracted = new Lru<string, readonly Statement[]>(STATEMENTS_KEPT);

/** The speaker's statements among the first articles of `hits` (a wide list, score order), or undefined for other questions. */
export async function speakerAnswer(
  ctx: EngineContext,
  question: string,
  hits: readonly Hit[],
  filters?: SearchFilters,
): Promise<SpeakerAnswer | undefined> {
  const asked = statementQuestion(question);
  return asked ? answerFor(ctx, asked, hits, filters) : undefined;
}

/** Stored articles' statements (extracted here for those an older read-only index lacks). */
async function statementsOf(
  ctx: EngineContext,
  articles: readonly StoredArticle[],
): Promise<Map<string, readonly Statement[]>> {
  const out = new Map<string, readonly Statement[]>(
    await ctx.store.articleStatements(
      articles.map((a) => a.id),
      STATEMENTS_VERSION,
    ),
  );
  for (const a of articles) {
    if (out.has(a.id)) continue;
    const key = `${a.id}\n${a.contentHash}`;
    let statements = extracted.get(key);
    if (!statements) {
      statements = extractStatements({ title: a.title, text: a.text });
      extracted.set(key, statements);
    }
    out.set(a.id, statements);
  }
  return out;
}

/**
 * Articles beyond the first `ids` where the matched speakers' words hold a word of the topic
 * (every one of theirs without a topic): those in the search first, in its order, then the newest.
 */
async function furtherArticles(
  ctx: EngineContext,
  names: readonly string[],
  topic: string,
  ids: readonly string[],
  filters: SearchFilters | undefined,
): Promise<string[]> {
  const stems = matchStems(parseQuery(topic));
  if (topic && stems.size === 0) return [];
  const found = await ctx.store.speakerStatements(names, STATEMENTS_VERSION, {
    filters,
    articles: FURTHER_LOOKED_AT,
  });
  const first = new Set(ids.slice(0, STATEMENT_ARTICLES));
  const order = new Map(ids.map((id, i) => [id, i]));
  return found
    .filter((a) => !first.has(a.articleId))
    .filter((a) => !topic || a.statements.some((s) => stemMatches(s.text, stems).length > 0))
    .map((a, i) => ({ id: a.articleId, at: order.get(a.articleId) ?? ids.length + i }))
    .sort((x, y) => x.at - y.at)
    .slice(0, FURTHER_ARTICLES)
    .map((a) => a.id);
}

/** Whether the index, knowing all of its speakers, quotes nobody of that name (no search is needed). */
export async function quotesNobodyNamed(ctx: EngineContext, speaker: string): Promise<boolean> {
  const index = await indexSpeakers(ctx);
  return index.complete && speakersNamed(speaker, index.speakers).length === 0;
}

/**
 * A speaker's statements (on a topic, or all of them when it is empty): the speaker is matched
 * against every speaker the index knows; their statements in the first articles of `hits`, and
 * in further articles where their words are on the topic, ranked by src/results/statements.ts.
 */
export async function answerFor(
  ctx: EngineContext,
  asked: { speaker: string; topic: string },
  hits: readonly Hit[],
  filters?: SearchFilters,
): Promise<SpeakerAnswer> {
  const ids = [...new Set(hits.map((h) => h.articleId))];
  const index = await indexSpeakers(ctx);
  let further: string[] = [];
  const names = personInRole(asked.speaker, speakersNamed(asked.speaker, index.speakers), index.speakers);
  // A role ("the chancellor") is answered as the one person who holds it most in the index.
  const who = isRole(asked.speaker) && names[0] !== undefined ? names[0] : asked.speaker;
  // Nobody the index quotes: no article needs reading.
  if (names.length === 0 && index.complete) {
    return { asked: asked.speaker, topic: asked.topic, matched: [], quotedIn: 0, statements: [] };
  }
  if (names.length > 0) further = await furtherArticles(ctx, names, asked.topic, ids, filters);
  const read = [...ids.slice(0, STATEMENT_ARTICLES), ...further];
  const stored = (await Promise.all(read.map((id) => ctx.store.getArticle(id)))).filter(
    (a): a is StoredArticle => a !== undefined,
  );
  const said = await statementsOf(ctx, stored);
  const order = new Map(ids.map((id, i) => [id, i]));
  const articles: QuotedArticle[] = stored.map((a, i) => ({
    articleId: a.id,
    title: displayTitle(a).title,
    place: a.place,
    date: a.date,
    source: a.source,
    collection: a.collection,
    text: a.text,
    rank: order.get(a.id) ?? ids.length + i,
    // Each speaker with every role the index gives them: "the chancellor" finds Gordon Brown in
    // an article that calls him Mr Brown only.
    statements: (said.get(a.id) ?? []).map((s) => {
      const roles = index.speakers.get(s.speaker)?.roles;
      return roles ? { ...s, speakerRoles: [...new Set([...s.speakerRoles, ...roles])] } : s;
    }),
  }));
  const cosine = asked.topic ? await topicCosines(ctx, asked.topic, who, articles) : new Map();
  const answered = answerStatements(
    who,
    asked.topic,
    articles,
    hits.map((h) => h.text),
    (articleId, start) => cosine.get(`${articleId}\n${start}`),
  );
  const answer = { ...answered, asked: asked.speaker };
  // Quoted in the index, but neither in the articles found nor ever naming the topic: the
  // honest answer is "quoted in N articles, none about it", not "no one of that name".
  const known = names[0] === undefined ? undefined : index.speakers.get(names[0]);
  if (answer.matched.length === 0 && known && asked.topic) {
    return { ...answer, matched: [known.name], quotedIn: known.articles };
  }
  return answer;
}

/** Sentences naming the topic that move its vector towards what the articles say of it. */
const FEEDBACK_SENTENCES = 4;

/** The first sentences of `articles` (in their search order) that hold a word of the topic. */
function topicSentences(topic: string, articles: readonly QuotedArticle[]): string[] {
  const stems = matchStems(parseQuery(topic));
  const out: string[] = [];
  if (stems.size === 0) return out;
  for (const a of articles) {
    for (const m of stemMatches(a.text, stems)) {
      if (out.length >= FEEDBACK_SENTENCES) return out;
      const sentence = sentenceSpans(
        a.text,
        Math.max(0, m.start - 300),
        Math.min(a.text.length, m.end + 300),
      ).find((sp) => sp.start <= m.start && sp.end >= m.end);
      const text = sentence ? a.text.slice(sentence.start, sentence.end) : '';
      if (text && !out.includes(text)) out.push(text);
    }
  }
  return out;
}

/** Statements embedded per question at most (the speaker's, in article order). */
const STATEMENTS_EMBEDDED = 32;

/**
 * Cosine of the topic and each of the speaker's statements, keyed "articleId\nstart": the
 * words of a statement on "Kunashir and Iturup" are about "the Kurils" though they share no word.
 */
async function topicCosines(
  ctx: EngineContext,
  topic: string,
  asked: string,
  articles: readonly QuotedArticle[],
): Promise<Map<string, number>> {
  const who = new Set(matchedSpeakers(asked, articles));
  const own = articles
    .flatMap((a) => a.statements.filter((s) => who.has(s.speaker)).map((s) => ({ a, s })))
    .slice(0, STATEMENTS_EMBEDDED);
  const out = new Map<string, number>();
  if (own.length === 0) return out;
  const feedback = topicSentences(topic, articles);
  const embedder = await ctx.embedder();
  const [q, { vectors }] = await Promise.all([
    embedder.embedQuery(topic),
    embedder.embedPassages([...feedback, ...own.map(({ s }) => s.text)]),
  ]);
  // A topic of a word or two ("Kurils") says little to the model alone: it is moved towards
  // the sentences of these articles that name it (the Kuril Islands, Shikotan, the treaty).
  const target = Float32Array.from(q);
  for (const v of vectors.slice(0, feedback.length)) {
    for (let k = 0; k < target.length; k++) target[k] = (target[k] ?? 0) + (v[k] ?? 0) / feedback.length;
  }
  const norm = Math.hypot(...target) || 1;

  const statementVectors = vectors.slice(feedback.length);
  own.forEach(({ a, s }, i) => {
    const v = statementVectors[i];
    if (!v) return;
    let dot = 0;
    for (let k = 0; k < v.length; k++) dot += ((v[k] ?? 0) * (target[k] ?? 0)) / norm;
    out.set(`${a.articleId}\n${s.start}`, dot);
  });
  return out;
}
