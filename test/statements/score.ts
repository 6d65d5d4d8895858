/**
 * Precision and recall of extracted (words, speaker) pairs against the hand annotations.
 *
 * Speakers match when their normalised names are equal (case, accents, titles such as "Mr",
 * a leading "the" and punctuation aside). Words are compared as character spans of the
 * article, so how a quotation is cut (one statement or one per paragraph) does not matter:
 * - an extracted statement is correct when at least half of its characters lie inside
 *   annotations of the same speaker;
 * - an annotation is found when at least half of its characters are covered by correct
 *   extracted statements of the same speaker.
 * Both ways at half: a statement twice too long, or half the words, still counts; the whole
 * paragraph around a short quotation does not.
 */

import type { AnnotatedArticle } from './fixture.js';

export const OVERLAP_MIN = 0.5;

export interface Extracted {
  speaker: string;
  start: number;
  end: number;
  text: string;
}

export interface Score {
  extracted: number;
  correct: number;
  annotated: number;
  found: number;
  precision: number;
  recall: number;
  /** What went wrong, for reading: false positives and misses. */
  errors: string[];
}

export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/^(?:the)\s+/, '')
    .replace(/\b(?:mr|mrs|ms|dr|sir|lord)\b\.?\s*/g, '')
    .replace(/[^a-z0-9&]+/g, ' ')
    .trim();
}

interface Located {
  speakers: Set<string>;
  start: number;
  end: number;
  words: string;
}

/** Place each annotation in the text; repeated words take their occurrences in order. */
export function locate(article: AnnotatedArticle): Located[] {
  const used = new Map<string, number>();
  return article.statements.map((s) => {
    const [head, tail] = s.words.split(' … ') as [string, string | undefined];
    let from = used.get(s.words) ?? 0;
    const start = article.text.indexOf(head, from);
    if (start < 0) throw new Error(`${article.id}: words not in the text: ${head}`);
    let end = start + head.length;
    if (tail !== undefined) {
      const at = article.text.indexOf(tail, end);
      if (at < 0) throw new Error(`${article.id}: words not in the text: ${tail}`);
      end = at + tail.length;
    }
    from = start + 1;
    used.set(s.words, from);
    return { speakers: new Set(s.speakers.map(normaliseName)), start, end, words: s.words };
  });
}

function covered(start: number, end: number, spans: ReadonlyArray<{ start: number; end: number }>): number {
  const marks = new Uint8Array(end - start);
  for (const span of spans) {
    for (let i = Math.max(start, span.start); i < Math.min(end, span.end); i++) marks[i - start] = 1;
  }
  return marks.reduce((sum, v) => sum + v, 0) / Math.max(1, end - start);
}

export function scoreArticle(article: AnnotatedArticle, extracted: readonly Extracted[]): Score {
  const gold = locate(article);
  const errors: string[] = [];
  const correct = extracted.filter((e) => {
    const mine = gold.filter((g) => g.speakers.has(normaliseName(e.speaker)));
    const ok = covered(e.start, e.end, mine) >= OVERLAP_MIN;
    if (!ok) errors.push(`${article.id} extra: ${e.speaker}: ${e.text.slice(0, 90)}`);
    return ok;
  });
  let found = 0;
  for (const g of gold) {
    const theirs = correct.filter((e) => g.speakers.has(normaliseName(e.speaker)));
    if (covered(g.start, g.end, theirs) >= OVERLAP_MIN) found++;
    else errors.push(`${article.id} missed: ${[...g.speakers].join('|')}: ${g.words.slice(0, 90)}`);
  }
  return summarise(extracted.length, correct.length, gold.length, found, errors);
}

function summarise(
  extracted: number,
  correct: number,
  annotated: number,
  found: number,
  errors: string[],
): Score {
  return {
    extracted,
    correct,
    annotated,
    found,
    precision: extracted === 0 ? 1 : correct / extracted,
    recall: annotated === 0 ? 1 : found / annotated,
    errors,
  };
}

/** Pooled over articles (micro-averaged): every statement counts once. */
export function pool(scores: readonly Score[]): Score {
  const sum = (key: 'extracted' | 'correct' | 'annotated' | 'found'): number =>
    scores.reduce((total, s) => total + s[key], 0);
  return summarise(
    sum('extracted'),
    sum('correct'),
    sum('annotated'),
    sum('found'),
    scores.flatMap((s) => s.errors),
  );
}
