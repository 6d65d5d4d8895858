/**
 * Reported speech: `Abe said (that) …`, `Mr Johnson told MPs …`, `…, Alan Johnson said.`,
 * `…, said a spokesman.`, `A, claimed Taipei, B`, `X stressed, noting that …` and `according to
 * X, …` / `…, according to X.`. The words are the clause; the speaker the phrase by the cue.
 */

import { type Reading, record } from './context.js';
import { looksLikeVerb } from './lexicon.js';
import { personsNamedIn } from './named.js';
import { clauseStart, cuesIn, hasVerb, type Phrase, phraseAfter, phraseBefore } from './phrases.js';
import { resolveSpeaker } from './resolve.js';
import type { Span } from './text.js';
import { tokenize } from './tokens.js';

/** Fewer words than this before an inverted attribution is a fragment, not a statement. */
export const INVERTED_MIN_WORDS = 4;

type Cue = [start: number, end: number, verb: string];

function trimEnd(text: string, from: number, to: number): number {
  let end = to;
  while (end > from && /[\s.,;:!?]/.test(text[end - 1] as string)) end--;
  const clause = text.slice(from, end);
  const marks = (clause.match(/["“”]/g) ?? []).length;
  if (marks % 2 === 1 && /["”]$/.test(clause)) end--;
  while (end > from && /[\s.,;:!?]/.test(text[end - 1] as string)) end--;
  return end;
}

function words(text: string): number {
  return tokenize(text).filter((t) => /\w/.test(t.text)).length;
}

/** A reported clause `[start, end)` of `speakerPhrase`, if it is one. */
function emit(reading: Reading, phrase: Phrase | undefined, cue: string, from: number, end: number): void {
  let start = from;
  if (phrase === undefined || end <= start) return;
  const { text } = reading;
  while (start < end && /[\s,]/.test(text[start] as string)) start++;
  const stop = trimEnd(text, start, end);
  if (stop <= start || words(text.slice(start, stop)) < 3) return;
  if (/^["“]/.test(text.slice(start, stop)) && reading.inside(start + 1)) {
    // A clause that is one quotation is the direct statement's, already read.
    const q = reading.quotations.find((x) => x.open === start);
    if (q !== undefined && q.close >= stop) return;
  }
  // Words inside a quotation already read are that statement's.
  if (reading.drafts.some((d) => d.kind === 'direct' && d.start < start && d.end >= stop)) return;
  const named = personsNamedIn(reading.discourse.table, reading.cased, start, stop);
  const speaker = resolveSpeaker(reading.discourse, phrase.text, phrase.start, named);
  if (speaker === undefined) return;
  record(reading, {
    speaker,
    asWritten: phrase.text,
    kind: 'reported',
    cue,
    start,
    end: stop,
    quotations: [],
  });
}

/** Where a clause of a sentence starts, past a leading connective ("But", "However,"). */
function sentenceBody(text: string, sentence: Span): number {
  const lead = /^[\s"“]*(?:(?:But|And|However|Meanwhile|So|Now|Yet|Also)\b,?\s*)?/.exec(
    text.slice(sentence.start, sentence.end),
  );
  return sentence.start + (lead?.[0].length ?? 0);
}

function accordingTo(reading: Reading, cue: [number, number, string], sentence: Span): void {
  const { cased } = reading;
  const head = cased.slice(sentence.start, cue[0]);
  if (/,\s*$/.test(head)) {
    // "…, according to a report by UK think-tank Demos."
    const phrase = phraseAfterBy(cased, cue[1], sentence.end);
    emit(reading, phrase, cue[2], sentenceBody(cased, sentence), sentence.start + head.search(/,\s*$/));
    return;
  }
  const comma = cased.indexOf(',', cue[1]);
  if (head.trim().length > 12 || comma < 0 || comma > sentence.end) return;
  emit(reading, phraseAfterBy(cased, cue[1], comma), cue[2], comma + 1, sentence.end);
}

/** The name in "a report by UK think-tank Demos", "analysts Nielsen//NetRatings", "the Times". */
function phraseAfterBy(text: string, from: number, to: number): Phrase | undefined {
  const span = text.slice(from, to);
  const by = Math.max(span.lastIndexOf(' by '), span.lastIndexOf(' from '));
  const at = by >= 0 ? from + by + span.slice(by).indexOf(' ', 1) + 1 : from;
  let end = trimEnd(text, at, to);
  // "CES organisers, the CEA, on Tuesday": the first part that names someone.
  const comma = text.slice(at, end).search(/,|\s(?:on|last|this|in)\s/);
  if (comma > 0) end = at + comma;
  const phrase = text.slice(at, end).trim();
  if (phrase.length === 0 || phrase.split(/\s+/).length > 8) return undefined;
  return { text: phrase, start: at + text.slice(at, end).indexOf(phrase) };
}

/** Read one cue verb of a sentence (one not taken by a quotation's attribution). */
export function readCue(reading: Reading, cue: [number, number, string], sentence: Span): void {
  if (cue[2] === 'according to') accordingTo(reading, cue, sentence);
  else if (cue[2].endsWith('ing')) readParticiple(reading, cue, sentence);
  else if (!readInverted(reading, cue, sentence)) readAfterSubject(reading, cue, sentence);
}

/** "X stressed, noting that …": the speaker is the sentence's subject. */
function readParticiple(reading: Reading, [cueStart, cueEnd, verb]: Cue, sentence: Span): void {
  const { cased } = reading;
  const subject = phraseBefore(cased, sentence.start, subjectEnd(reading, sentence, cueStart, true));
  const start = clauseStart(cased, cueEnd, sentence.end, verb);
  if (start !== undefined) emit(reading, subject, verb, start, sentence.end);
}

/**
 * "…, said a spokesman." / "A, claimed Taipei, B" / "Said X: "…"" (that one direct, read
 * elsewhere): the cue before its speaker. False when the cue is not of that form.
 */
function readInverted(reading: Reading, [cueStart, cueEnd, verb]: Cue, sentence: Span): boolean {
  const { cased } = reading;
  const head = cased.slice(sentence.start, cueStart);
  const phrase = phraseAfter(cased, cueEnd, sentence.end);
  if (phrase === undefined || !(/,\s*$/.test(head) || head.trim().length === 0)) return false;
  const afterPhrase = cased
    .slice(phrase.start + phrase.text.length, sentence.end)
    .replace(/^\s+[a-z]+ly\b/, '');
  if (!/^\s*(?:[,.;:!?]|$)/.test(afterPhrase)) return false;
  if (head.trim().length === 0) return true;
  // "…, said Graham Cluley, senior technology consultant for security firm Sophos.": the
  // words after the name are its apposition, not the rest of the statement.
  const apposition = !hasVerb(afterPhrase) && words(head) >= INVERTED_MIN_WORDS;
  if (
    /^\s*,\s*\S/.test(afterPhrase) &&
    words(afterPhrase) >= 3 &&
    !apposition &&
    !/^\s*,\s*(?:who|which)\b/.test(afterPhrase)
  ) {
    emit(
      reading,
      phrase,
      verb,
      sentence.end - afterPhrase.length + afterPhrase.indexOf(',') + 1,
      sentence.end,
    );
  } else if (words(head) >= INVERTED_MIN_WORDS) {
    emit(reading, phrase, verb, sentenceBody(cased, sentence), sentence.start + head.search(/,\s*$/));
  }
  return true;
}

/** A phrase that can name a speaker: a pronoun, a name, or a definite noun phrase. */
function namesSomeone(phrase: Phrase): boolean {
  return /^(?:he|she|it|they|who)\b|[A-Z]|^(?:the|a|an|its|his|her)\s/.test(phrase.text);
}

/** "Abe said (that) …", "…, Alan Johnson said.", "who, he claims, is …": the cue after its speaker. */
function readAfterSubject(reading: Reading, [cueStart, cueEnd, verb]: Cue, sentence: Span): void {
  const { cased } = reading;
  const head = cased.slice(sentence.start, cueStart);
  // "Now the firm employs 7,600 workers and insists …": the sentence's subject again.
  const shared = /(?:,|\band)\s*$/.test(head);
  const phrase = phraseBefore(
    cased,
    sentence.start,
    shared ? subjectEnd(reading, sentence, cueStart) : cueStart,
  );
  if (phrase === undefined || !namesSomeone(phrase)) return;
  // "Mrs Quinn's son - whom he says he fathered - and …": a relative clause, not a statement.
  if (/\b(?:whom|which|whose|what)\s*$/i.test(cased.slice(sentence.start, phrase.start))) return;
  const start = clauseStart(cased, cueEnd, sentence.end, verb);
  if (start !== undefined) {
    emit(reading, phrase, verb, start, clauseEnd(reading, start, sentence.end));
    return;
  }
  let beforePhrase = cased.slice(sentence.start, phrase.start);
  let speaker = phrase;
  // "…, Alan Milburn, Labour's election strategist told …": the name the role is in apposition to.
  const name = /,\s*((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]*)\s*,\s*$/.exec(beforePhrase);
  if (name !== null && /\s[a-z]+$/.test(phrase.text)) {
    const at = sentence.start + name.index;
    speaker = { text: name[1] as string, start: at + (name[0] as string).indexOf(name[1] as string) };
    beforePhrase = cased.slice(sentence.start, at + 1);
  }
  const tail = cased.slice(cueEnd, sentence.end);
  if (!/,\s*$/.test(beforePhrase)) return;
  const parenthetical = /^\s*,\s*\S/.test(tail) && words(tail) >= 3;
  if (parenthetical) {
    // "who, he claims, is ramming …"
    emit(reading, phrase, verb, cueEnd + tail.indexOf(',') + 1, sentence.end);
  } else if (isTail(tail) && words(beforePhrase) >= INVERTED_MIN_WORDS) {
    // "…, Alan Johnson said." / "…, he told a conference on ageing."
    emit(
      reading,
      speaker,
      verb,
      sentenceBody(cased, sentence),
      sentence.start + beforePhrase.search(/,\s*$/),
    );
  }
}

/** What may follow a cue at the end of a sentence: an object, a time, a participle phrase. */
function isTail(tail: string): boolean {
  const t = tail.replace(/^\s+/, '');
  if (t.length === 0 || /^[.!?]/.test(t)) return true;
  if (/^,/.test(t)) return true;
  return words(t) <= 6 || /^(?:on \w+day\s+)?[a-z]+ing\b/.test(t) || /^(?:to|on|in|at)\b/.test(t);
}

/** A reported clause stops where another statement starts: ", adding …", ", saying …". */
function clauseEnd(reading: Reading, start: number, end: number): number {
  const { cased } = reading;
  const span = cased.slice(start, end);
  const participle = span.search(
    /,\s+(?:adding|saying|insisting|noting|warning|stressing|arguing|claiming)\b/,
  );
  let stop = participle >= 0 ? start + participle : end;
  // "Newcastle said the player would not be sold, Bellamy insisted …": the next speaker's turn.
  for (const [cueStart] of cuesIn(cased, start, stop, reading.inside)) {
    // "John Rose, who said the order book was full, warned …": the main clause resumes.
    const resumes = cased.slice(start, cueStart).search(/,\s*$/);
    if (resumes > 0) {
      stop = start + resumes;
      break;
    }
    const next = phraseBefore(cased, start, cueStart);
    const comma = next === undefined ? -1 : cased.slice(start, next.start).search(/,\s*$/);
    if (next !== undefined && comma > 0 && /^(?:he|she|they|[A-Z])/.test(next.text)) {
      stop = start + comma;
      break;
    }
  }
  return stop;
}

function subjectEnd(reading: Reading, sentence: Span, limit: number, auxiliaries = false): number {
  const tokens = tokenize(reading.cased, sentence.start, limit);
  let end = sentence.start;
  for (const [i, token] of tokens.entries()) {
    if (reading.inside(token.start) || /^["“”]$/.test(token.text)) continue;
    if (/^[,:]$/.test(token.text) && i > 0) break;
    if (i > 0 && (looksLikeVerb(token.text) || (auxiliaries && SUBJECT_ENDS.test(token.text)))) break;
    end = token.end;
  }
  return end;
}

/** Words that start a verb group after the subject ("Michael Howard had already broken …, claiming"). */
const SUBJECT_ENDS =
  /^(?:has|had|have|was|were|is|are|will|would|could|can|may|might|must|should|also|already)$/;
