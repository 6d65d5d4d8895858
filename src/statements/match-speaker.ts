/**
 * Matching a speaker as a reader types them ("Blair", "Mr Blair", "Blunket", "M&S", "the
 * chancellor") against the speakers an index knows ("Tony Blair", "David Blunkett", "Marks &
 * Spencer", Gordon Brown with role "chancellor"). Expected misses are an empty list.
 */

import { HONORIFICS } from './lexicon.js';

/** A speaker the index knows, with the roles the articles gave them (lower case). */
export interface KnownSpeaker {
  name: string;
  roles?: readonly string[];
}

export type SpeakerMatchKind = 'exact' | 'surname' | 'acronym' | 'role' | 'partial' | 'spelling';

export interface SpeakerMatch {
  speaker: string;
  kind: SpeakerMatchKind;
  /** 1 for the same name; lower for looser matches (a surname 0.9, a misspelling 0.6–0.75). */
  score: number;
}

/** Matches scoring under this are not returned. */
export const SPEAKER_MATCH_MIN_SCORE = 0.5;

const SCORES: Record<SpeakerMatchKind, number> = {
  exact: 1,
  surname: 0.9,
  acronym: 0.85,
  role: 0.8,
  partial: 0.6,
  spelling: 0.75,
};

/** "Mr Tony Blair's" → "tony blair": lower case, no accents, titles, possessive or punctuation. */
export function normaliseSpeaker(name: string): string {
  const words = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/[^\p{L}\p{N}&]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w.length > 0);
  while (words.length > 1 && (words[0] === 'the' || HONORIFICS.has(words[0] as string))) words.shift();
  return words.join(' ');
}

/** Damerau–Levenshtein distance (adjacent transpositions count one), stopping past `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const up = rows[i - 1] as number[];
      let best = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = best;
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/** Words before an office that make it another one ("shadow chancellor", "former leader"). */
const OTHER_OFFICE = /\b(?:shadow|former|ex|deputy|vice|assistant|junior|acting|interim|opposition)\b/;

/** Typos allowed in a word of this length: none up to 3 letters, one up to 6, two beyond. */
export function allowedEdits(length: number): number {
  return length <= 3 ? 0 : length <= 6 ? 1 : 2;
}

/** The initials of a name's words, small words left out ("Bank of England" → "be"). */
export function initials(words: readonly string[]): string {
  return words
    .filter((w) => !['of', 'and', '&', 'the', 'for'].includes(w))
    .map((w) => w[0])
    .join('');
}

function matchOne(query: string, known: KnownSpeaker): SpeakerMatch | undefined {
  const q = normaliseSpeaker(query);
  const k = normaliseSpeaker(known.name);
  if (q.length === 0 || k.length === 0) return undefined;
  const make = (kind: SpeakerMatchKind, penalty = 0): SpeakerMatch => ({
    speaker: known.name,
    kind,
    score: SCORES[kind] - penalty,
  });
  if (q === k) return make('exact');
  const qw = q.split(' ');
  const kw = k.split(' ');
  const qLast = qw[qw.length - 1] as string;
  const kLast = kw[kw.length - 1] as string;
  if (qLast === kLast && qw.every((w) => kw.includes(w))) return make('surname');
  const letters = q.replace(/[^a-z]/g, '');
  if (qw.length === 1 && letters.length >= 2 && kw.length >= 2 && letters === initials(kw))
    return make('acronym');
  const role = (known.roles ?? []).find((r) => {
    const nr = normaliseSpeaker(r);
    if (nr === q) return true;
    // "Chelsea boss" is a boss; a "shadow chancellor" or "deputy leader" is not the office asked.
    return nr.endsWith(` ${q}`) && !OTHER_OFFICE.test(nr.slice(0, -q.length));
  });
  if (role !== undefined) return make('role');
  if (qw.every((w) => kw.includes(w))) return make('partial');
  // A misspelling: of the surname ("Blunket"), or of the whole name ("Jose Mourino").
  const surnameEdits = editDistance(qLast, kLast);
  const wholeEdits = editDistance(q, k);
  const firstNamesAgree = qw.length === 1 || qw.slice(0, -1).every((w) => kw.includes(w));
  if (firstNamesAgree && surnameEdits <= allowedEdits(kLast.length))
    return make('spelling', surnameEdits * 0.05);
  if (wholeEdits <= allowedEdits(k.length)) return make('spelling', wholeEdits * 0.05);
  return undefined;
}

/**
 * The known speakers `query` may name, best first.
 *
 * @example
 * matchSpeaker('Blunket', ['David Blunkett', 'Tony Blair']) // [{ speaker: 'David Blunkett', kind: 'spelling', score: 0.7 }]
 */
export function matchSpeaker(query: string, known: ReadonlyArray<string | KnownSpeaker>): SpeakerMatch[] {
  const matches: SpeakerMatch[] = [];
  for (const entry of known) {
    const match = matchOne(query, typeof entry === 'string' ? { name: entry } : entry);
    if (match !== undefined && match.score >= SPEAKER_MATCH_MIN_SCORE) matches.push(match);
  }
  return matches.sort((a, b) => b.score - a.score || a.speaker.localeCompare(b.speaker));
}
