/**
 * The answer to "what did X say about Y" is the words: the statements of the question's speaker
 * in the articles a search found, ranked by how much they are about the topic. A statement is
 * weighed by the topic's words in its own words, in its context (the sentence around it and the
 * article's opening), and by its article's standing in the search, so that "Kurils" reaches
 * Abe's words on "Kunashir and Iturup" through the article that names the Kuril Islands. The
 * same words carried by two copies of a story are one statement with both sources.
 */
import { parseQuery } from '../analysis/index.js';
import type { ArticleFacts } from '../backends/index.js';
import { weightedShare, wordWeights } from '../search/index.js';
import { type KnownSpeaker, matchSpeaker, type Statement } from '../statements/index.js';

/** An article read for its statements, with its place in the search (0 = first card). */
export interface QuotedArticle extends ArticleFacts {
  articleId: string;
  text: string;
  rank: number;
  statements: readonly Statement[];
}

export interface AnswerStatement {
  /** The speaker, by the fullest name the article uses. */
  speaker: string;
  /** How this article names them where it attributes the words. */
  speakerAsWritten: string;
  text: string;
  kind: Statement['kind'];
  cue: string;
  articleId: string;
  title: string;
  date: string | null;
  source: string | null;
  /** Offsets of the words in the article text. */
  start: number;
  end: number;
  /** The sentence the words are in (or the words and a little around them). */
  context: string;
  /** How much the words are about the topic, 0..1 (0.5 and up: on the topic). */
  relevance: number;
  /** Other copies of the story carrying the same words. */
  alsoIn: Array<{ articleId: string; source: string | null; date: string | null }>;
}

export interface SpeakerAnswer {
  /** The speaker as asked. */
  asked: string;
  topic: string;
  /** The speakers of the index's articles the question's speaker matched. */
  matched: string[];
  /** Articles (of those read) quoting a matched speaker. */
  quotedIn: number;
  statements: AnswerStatement[];
}

/** Statements at or above this relevance are on the topic. */
export const ON_TOPIC = 0.5;
/** The least a speaker's words must stand on: the topic's cosine to unrelated words, with the default model. */
const DENSE_FLOOR = 0.3;
const DENSE_WEIGHT = 2.5;
/** Characters of context either side of the words, to the sentence's ends. */
const CONTEXT_CHARS = 160;

/** The words and a little around them, cut at sentence ends where there are any. */
function contextOf(text: string, start: number, end: number): string {
  let from = Math.max(0, start - CONTEXT_CHARS);
  let to = Math.min(text.length, end + CONTEXT_CHARS);
  const before = text.slice(from, start);
  const stop = Math.max(before.lastIndexOf('. '), before.lastIndexOf('." '), before.lastIndexOf('\n'));
  if (stop >= 0) from += stop + 2;
  const after = text.slice(end, to);
  const next = after.search(/[.!?]["”’]?(\s|$)/);
  if (next >= 0) to = end + next + 1;
  return text.slice(from, to).replace(/\s+/g, ' ').trim();
}

/**
 * The median of sorted numbers: for an even count the mean of the middle two, so that of two
 * statements the closer to the topic stands above the reference (the upper one would be it).
 */
function median(sorted: readonly number[]): number | undefined {
  if (sorted.length === 0) return undefined;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Words that open on what the sentence before named ("that could turn into a trend", "these
 * are …"). Not "it": as often a placeholder ("It's impossible to …") as a pointer.
 */
function anaphoric(words: string): boolean {
  return /^(?:that|this|these|those|they|such)\b/i.test(words);
}

/** Share of a statement's words another must hold for the two to be shown as one. */
const SAME_WORDS = 0.7;

function contentWords(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []);
}

/** Whether most of `words` are in `other`: the same statement, reworded or in part. */
function heldIn(words: ReadonlySet<string>, other: ReadonlySet<string>): boolean {
  if (words.size === 0) return true;
  let held = 0;
  for (const w of words) if (other.has(w)) held++;
  return held / words.size >= SAME_WORDS;
}

/** The sentence before the one holding `start`, for words that point back to it. */
function sentenceBefore(text: string, start: number): string {
  const stop = text.lastIndexOf('. ', start);
  if (stop < 0) return '';
  const from = text.lastIndexOf('. ', stop - 1);
  return text.slice(from < 0 ? 0 : from + 2, stop + 1);
}

/** The speakers of `articles` that the asked speaker names, best kind of match first. */
export function matchedSpeakers(asked: string, articles: readonly QuotedArticle[]): string[] {
  return speakersAsked(asked, knownSpeakers(articles.flatMap((a) => a.statements)));
}

/** The known speakers that the asked speaker names, best kind of match first. */
export function speakersAsked(asked: string, known: readonly KnownSpeaker[]): string[] {
  for (const name of namesIn(asked)) {
    const matches = matchSpeaker(name, known);
    const best = Math.max(0, ...matches.map((m) => m.score));
    if (matches.length > 0) return matches.filter((m) => m.score >= best - 0.1).map((m) => m.speaker);
  }
  return [];
}

/**
 * The speakers of `statements`, each with the roles the statements give them ("chancellor"
 * from "Chancellor Gordon Brown"; "the chancellor said" where it was read as theirs), so that
 * "what did the chancellor say" finds them.
 */
export function knownSpeakers(
  statements: Iterable<Pick<Statement, 'speaker' | 'speakerAsWritten' | 'speakerRoles'>>,
): KnownSpeaker[] {
  const roles = new Map<string, Set<string>>();
  for (const st of statements) {
    const own = roles.get(st.speaker) ?? new Set<string>();
    roles.set(st.speaker, own);
    for (const r of st.speakerRoles) own.add(r);
    if (/^the\s+\p{Ll}/u.test(st.speakerAsWritten)) own.add(st.speakerAsWritten.toLowerCase());
  }
  return [...roles].map(([name, r]) => ({ name, roles: [...r] }));
}

/**
 * The ways a typed speaker may name someone, fullest first: as typed, the person after an
 * organisation's possessive ("Standard Life's David Cummings"), and the last two words and the
 * last word after a title ("Treasury Secretary Snow").
 */
function namesIn(asked: string): string[] {
  const words = asked
    .replace(/^.*['’]s?\s+(?=\S)/, '')
    .split(/\s+/)
    .filter(Boolean);
  const out = [asked, words.join(' '), words.slice(-2).join(' ')];
  const last = words.at(-1) ?? '';
  if (last.length >= 3) out.push(last);
  return [...new Set(out.filter((n) => n !== ''))];
}

/**
 * The asked speaker's statements in `articles`, most about `topic` first. `candidates` are the
 * search's passage texts (the topic's words are weighted by their rarity among them).
 */
export function answerStatements(
  asked: string,
  topic: string,
  articles: readonly QuotedArticle[],
  candidates: readonly string[],
  /** Cosine of the topic and a statement's words (by article id and start), where known. */
  cosine: (articleId: string, start: number) => number | undefined = () => undefined,
): SpeakerAnswer {
  const matched = matchedSpeakers(asked, articles);
  const who = new Set(matched);
  const weights = wordWeights(parseQuery(topic), candidates);
  const quoting = articles.filter((a) => a.statements.some((s) => who.has(s.speaker)));
  // What counts is how far a statement's cosine stands above the speaker's other words here
  // (their median): a topic's vector sits nearer to all of one speaker's words on some topics
  // (China: 0.45–0.69 for Abe) than on others (the Kurils: 0.27–0.48).
  const cosines = quoting
    .flatMap((a) => a.statements.filter((s) => who.has(s.speaker)).map((s) => cosine(a.articleId, s.start)))
    .filter((c): c is number => c !== undefined)
    .sort((x, y) => x - y);
  const reference = Math.max(DENSE_FLOOR, median(cosines) ?? DENSE_FLOOR);
  const scored: AnswerStatement[] = [];
  for (const a of quoting) {
    // The article's own relevance to the topic: its title and opening, and its standing.
    const opening = `${a.title}\n${a.text.slice(0, 300)}`;
    const article = 0.5 * weightedShare(opening, weights) + 0.5 / (1 + a.rank / 3);
    for (const s of a.statements) {
      if (!who.has(s.speaker)) continue;
      const context = contextOf(a.text, s.start, s.end);
      const own = weightedShare(s.text, weights);
      const around = weightedShare(
        anaphoric(s.text) ? `${sentenceBefore(a.text, s.start)} ${context}` : context,
        weights,
      );
      const dense = Math.max(0, (cosine(a.articleId, s.start) ?? reference) - reference);
      const relevance = Math.min(
        1,
        0.6 * own + 0.25 * around + 0.3 * article * (own > 0 || around > 0 ? 1 : 0.5) + DENSE_WEIGHT * dense,
      );
      scored.push({
        speaker: s.speaker,
        speakerAsWritten: s.speakerAsWritten,
        text: s.text,
        kind: s.kind,
        cue: s.cue,
        articleId: a.articleId,
        title: a.title,
        date: a.date,
        source: a.source,
        start: s.start,
        end: s.end,
        context,
        relevance,
        alsoIn: [],
      });
    }
  }
  scored.sort((x, y) => y.relevance - x.relevance || x.start - y.start);
  // The same words in two copies of a story are one statement, with both sources; so are words
  // most of which a statement shown above already holds (a copy reworded, a part quoted again).
  const statements: Array<AnswerStatement & { words: Set<string> }> = [];
  for (const s of scored) {
    const words = contentWords(s.text);
    const first = statements.find((x) => heldIn(words, x.words));
    if (first) {
      if (first.articleId !== s.articleId && !first.alsoIn.some((x) => x.articleId === s.articleId))
        first.alsoIn.push({ articleId: s.articleId, source: s.source, date: s.date });
      continue;
    }
    statements.push({ ...s, words });
  }
  return {
    asked,
    topic,
    matched,
    quotedIn: quoting.length,
    statements: statements.map(({ words: _, ...s }) => s),
  };
}
