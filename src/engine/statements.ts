/**
 * For a question about what someone said: the articles a search found, read for their
 * statements (extracted when read, and remembered per article version), and the speaker's
 * statements ranked by the topic (src/results/statements.ts).
 */
import { matchStems, parseQuery, statementQuestion, stemMatches } from '../analysis/index.js';
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
import { extractStatements, type Statement } from '../statements/index.js';

/** Articles read for statements: the first cards, where a speaker's words on the topic are. */
export const STATEMENT_ARTICLES = 12;
/** Articles whose statements are remembered (about 5 statements each). */
const STATEMENTS_KEPT = 2_000;

const extracted = new Lru<string, readonly Statement[]>(STATEMENTS_KEPT);

/** The speaker's statements among the first articles of `hits` (a wide list, score order), or undefined for other questions. */
export async function speakerAnswer(
  ctx: EngineContext,
  question: string,
  hits: readonly Hit[],
): Promise<SpeakerAnswer | undefined> {
  const asked = statementQuestion(question);
  return asked ? answerFor(ctx, asked, hits) : undefined;
}

/** A speaker's statements (on a topic, or all of them when it is empty) among the first articles of `hits`. */
export async function answerFor(
  ctx: EngineContext,
  asked: { speaker: string; topic: string },
  hits: readonly Hit[],
): Promise<SpeakerAnswer> {
  const ids = [...new Set(hits.map((h) => h.articleId))].slice(0, STATEMENT_ARTICLES);
  const stored = await Promise.all(ids.map((id) => ctx.store.getArticle(id)));
  const articles: QuotedArticle[] = [];
  stored.forEach((a, rank) => {
    if (!a) return;
    const key = `${a.id}\n${a.contentHash}`;
    let statements = extracted.get(key);
    if (!statements) {
      statements = extractStatements({ title: a.title, text: a.text });
      extracted.set(key, statements);
    }
    articles.push({
      articleId: a.id,
      title: displayTitle(a).title,
      place: a.place,
      date: a.date,
      source: a.source,
      collection: a.collection,
      text: a.text,
      rank,
      statements,
    });
  });
  const cosine = asked.topic ? await topicCosines(ctx, asked.topic, asked.speaker, articles) : new Map();
  return answerStatements(
    asked.speaker,
    asked.topic,
    articles,
    hits.map((h) => h.text),
    (articleId, start) => cosine.get(`${articleId}\n${start}`),
  );
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
