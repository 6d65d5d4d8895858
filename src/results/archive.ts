/**
 * The archive as a newcomer first sees it: a timeline of articles per month or year, the people
 * quoted most in the newest articles, and example questions drawn from those articles (each
 * one a question the index can answer: a quoted person and a word of what they said, or an
 * article's own headline).
 */
import { COMMON_WORDS } from '../statements/common-words.js';
import type { Statement } from '../statements/index.js';

export interface TimelineBar {
  /** "2019-05" or "2019": also the filter value, for dateFrom and dateTo alike. */
  period: string;
  articles: number;
}

/** Most months a timeline shows by month; a longer span is shown by year. */
export const TIMELINE_MONTHS_MAX = 36;

const nextMonth = (m: string) => {
  const [y, mm] = m.split('-').map(Number) as [number, number];
  return mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`;
};

/**
 * Bars for articles per month ("2019-05"; a year-only date as "2019"), oldest first, with the
 * empty periods in between: by month when the dated months span at most TIMELINE_MONTHS_MAX,
 * otherwise (or when some dates give only a year) by year.
 */
export function timelineBars(months: ReadonlyArray<{ month: string; articles: number }>): TimelineBar[] {
  if (months.length === 0) return [];
  const monthly = months.filter((m) => m.month.length === 7);
  const first = monthly[0]?.month ?? '';
  const last = monthly.at(-1)?.month ?? '';
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5));
  const byMonth = monthly.length === months.length && index(last) - index(first) < TIMELINE_MONTHS_MAX;
  if (byMonth) {
    const counts = new Map(months.map((m) => [m.month, m.articles]));
    const bars: TimelineBar[] = [];
    for (let m = first; m <= last; m = nextMonth(m)) bars.push({ period: m, articles: counts.get(m) ?? 0 });
    return bars;
  }
  const years = new Map<number, number>();
  for (const m of months) {
    const y = Number(m.month.slice(0, 4));
    years.set(y, (years.get(y) ?? 0) + m.articles);
  }
  const from = Math.min(...years.keys());
  const to = Math.max(...years.keys());
  const bars: TimelineBar[] = [];
  for (let y = from; y <= to; y++) bars.push({ period: String(y), articles: years.get(y) ?? 0 });
  return bars;
}

export interface QuotedPerson {
  speaker: string;
  /** Articles that quote them, and their statements there. */
  articles: number;
  statements: number;
  /** Their words in the newest article that quotes them (joined), for an example question. */
  sample: string;
}

/**
 * A speaker that reads as a person's full name: two to four capitalised words (O'Brien, but not
 * "I'm"), none of them a common word, nor one the article writes in lower case ("Air Force",
 * "Black Americans", "Tonight I'm" are what the extractor may take for names).
 */
export function isFullName(speaker: string, lowerWords: ReadonlySet<string> = new Set()): boolean {
  const words = speaker.split(/\s+/);
  if (words.length < 2 || words.length > 4) return false;
  return words.every(
    (w) =>
      (/^\p{Lu}(?:['’]\p{Lu})?[\p{Ll}-]+$/u.test(w) &&
        !COMMON_WORDS.has(w.toLowerCase()) &&
        !lowerWords.has(w.toLowerCase())) ||
      /^(?:de|van|von|der|da|di|le|la|bin|al)$/.test(w),
  );
}

/** The words a text writes in lower case. */
export function lowerCaseWords(text: string): Set<string> {
  return new Set(text.match(/(?<![\p{L}'’])\p{Ll}[\p{Ll}'’-]*/gu) ?? []);
}

/**
 * The people quoted in the most articles (then with the most statements, then by name), from
 * articles in the order given (newest first): each with words of theirs from the first article.
 */
export function mostQuoted(
  articles: ReadonlyArray<{ statements: readonly Statement[]; text?: string }>,
  max = 8,
): QuotedPerson[] {
  const people = new Map<string, QuotedPerson & { first: number }>();
  articles.forEach((article, index) => {
    const seen = new Set<string>();
    const lower = lowerCaseWords(article.text ?? '');
    for (const st of article.statements) {
      if (!isFullName(st.speaker, lower)) continue;
      let p = people.get(st.speaker);
      if (!p) {
        p = { speaker: st.speaker, articles: 0, statements: 0, sample: '', first: index };
        people.set(st.speaker, p);
      }
      p.statements++;
      if (p.first === index && p.sample.length < 600) p.sample += `${p.sample ? ' ' : ''}${st.text}.`;
      if (!seen.has(st.speaker)) p.articles++;
      seen.add(st.speaker);
    }
  });
  return [...people.values()]
    .sort(
      (a, b) =>
        b.articles - a.articles ||
        b.statements - a.statements ||
        (a.speaker < b.speaker ? -1 : a.speaker > b.speaker ? 1 : 0),
    )
    .slice(0, max)
    .map(({ first: _, ...p }) => p);
}

/** Small words that make no topic. */
const FILLER = new Set(
  'about after again against also although always another because been before being between both could does during every first from have having here however into itself just last made make many might more most much must never other over really said says should since some still such than that their them then there these they this those through under until very were what when where which while will with would your year years people time told going think nothing something anything everything'.split(
    ' ',
  ),
);
/** Contractions read as a capitalised word at a sentence's start ("Let's be clear"). */
for (const w of ["let's", "it's", "that's", "there's", "here's", "what's"]) FILLER.add(w);

/**
 * A word of what they said to ask about: the first name-like word in it (capitalised, no common
 * word, not the speaker's), else its longest uncommon word, else its longest word of six letters;
 * never a participle or an adverb (-ed, -ing, -ly).
 */
export function topicWord(words: string, speaker: string): string | undefined {
  const own = new Set(speaker.toLowerCase().split(/\s+/));
  const tokens = [...words.matchAll(/\p{L}[\p{L}\p{N}'’-]*[\p{L}\p{N}]|[.!?]/gu)].map((m, i, all) => ({
    word: m[0],
    initial: i === 0 || /^[.!?]$/.test(all[i - 1]?.[0] ?? ''),
  }));
  const usable = (t: string) => t.length > 1 && !own.has(t.toLowerCase()) && !FILLER.has(t.toLowerCase());
  const isName = (t: string) =>
    /^\p{Lu}[\p{L}\p{N}]{2,}(?:['’]s)?$/u.test(t) && usable(t) && !COMMON_WORDS.has(t.toLowerCase());
  // A capitalised word mid-sentence is a name; at a sentence start it may be any word.
  // "British" in "the British economy" is an adjective; "British Airways" a name.
  const adjective = (k: number) =>
    /(?:ish|ese)$/iu.test(tokens[k]?.word ?? '') && /^\p{Ll}/u.test(tokens[k + 1]?.word ?? '');
  const nameAt = (t: (typeof tokens)[number], k: number) => isName(t.word) && !adjective(k);
  const mid = tokens.findIndex((t, k) => !t.initial && nameAt(t, k));
  const i = mid >= 0 ? mid : tokens.findIndex((t, k) => nameAt(t, k));
  if (i >= 0) {
    // With the capitalised words that follow ("Evening Standard"), up to three.
    let end = i + 1;
    while (
      end < i + 3 &&
      !/['’]s$/u.test(tokens[end - 1]?.word ?? '') &&
      /^\p{Lu}[\p{L}\p{N}]+(?:['’]s)?$/u.test(tokens[end]?.word ?? '') &&
      usable(tokens[end]?.word ?? '')
    )
      end++;
    // "Michael Howard's plans" asks about Michael Howard.
    return tokens
      .slice(i, end)
      .map((t) => t.word)
      .join(' ')
      .replace(/['’]s$/u, '');
  }
  // A topic is a thing: not a participle or an adverb ("say about distracted" asks nothing).
  const long = tokens
    .filter((_, k) => !adjective(k))
    .map((t) => t.word)
    .filter((t) => t.length >= 6 && usable(t) && !/(?:ed|ing|ly)$/iu.test(t))
    .sort((a, b) => b.length - a.length);
  return (long.find((t) => !COMMON_WORDS.has(t.toLowerCase())) ?? long[0])?.toLowerCase();
}

/** A headline as a search: its first clause, if it has three to ten words. */
export function headlineQuery(title: string): string | undefined {
  const clause = title.split(/\s*(?:[:;|,]|\s[-–—]\s)\s*/)[0]?.trim() ?? '';
  const words = clause.split(/\s+/).filter(Boolean);
  return words.length >= 3 && words.length <= 10 ? clause : undefined;
}

/**
 * Example questions from the newest articles: "What did Tony Blair say about Iraq?" for the
 * people quoted most, then the headlines of the newest articles, at most `max`.
 */
export function exampleQuestions(
  people: readonly QuotedPerson[],
  newestTitles: readonly string[],
  max = 4,
): string[] {
  const out: string[] = [];
  const add = (q: string | undefined) => {
    if (q && out.length < max && !out.includes(q)) out.push(q);
  };
  const asked = people.flatMap((p) => {
    const topic = topicWord(p.sample, p.speaker);
    return topic ? [`What did ${p.speaker} say about ${topic}?`] : [];
  });
  const headlines = newestTitles.flatMap((t) => headlineQuery(t) ?? []);
  // Half each when there are both, then whichever has more.
  for (const q of asked.slice(0, Math.ceil(max / 2))) add(q);
  for (const q of headlines) add(q);
  for (const q of asked) add(q);
  return out;
}
