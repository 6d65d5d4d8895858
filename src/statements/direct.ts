/**
 * Direct quotations and who said them: the attribution after the words (`"…," Abe said`,
 * `"…," said Mr Blair`), before them (`Abe said: "…"`, `which he said was "…"`), or none, when
 * the quotation goes on from the speaker before (`"…," he said. "For example…"`, and the BBC's
 * paragraphs that each open a quotation closed only at its end).
 */

import { type Draft, type Reading, record } from './context.js';
import { looksLikeVerb } from './lexicon.js';
import { personsNamedIn } from './named.js';
import { cuesIn, type Phrase, phraseAfter, phraseBefore } from './phrases.js';
import type { Quotation } from './quotes.js';
import { resolveSpeaker, type Speaker } from './resolve.js';
import type { Span } from './text.js';
import { tokenize } from './tokens.js';

/** A quotation goes on from the statement before when it starts this close after it. */
export const CONTINUATION_MAX_CHARS = 600;

interface Attribution {
  speaker: Speaker;
  phrase: Phrase;
  cue: string;
}

function attribute(
  reading: Reading,
  q: Quotation,
  phrase: Phrase | undefined,
  cue: string,
): Attribution | undefined {
  if (phrase === undefined) return undefined;
  const named = personsNamedIn(reading.discourse.table, reading.cased, q.start, q.end);
  const speaker = resolveSpeaker(reading.discourse, phrase.text, phrase.start, named);
  return speaker === undefined ? undefined : { speaker, phrase, cue };
}

/** `"…," Abe said` / `"…," said Mr Blair` / `"…!" cried Nasser`: the attribution after the words. */
function after(reading: Reading, q: Quotation, sentence: Span): Attribution | undefined {
  const { cased, quotations } = reading;
  const next = quotations.find((x) => x.open >= q.close);
  const stop = Math.min(sentence.end, next?.open ?? sentence.end);
  let from = q.close;
  while (from < stop && /[\s,.!?;—–-]/.test(cased[from] as string)) from++;
  const cue = cuesIn(cased, from, stop, reading.inside)[0];
  if (cue === undefined || cue[2] === 'according to') return undefined;
  const between = cased.slice(from, cue[0]);
  if (/[.;:!?"“”]/.test(between) || tokenize(between).length > 8) return undefined;
  reading.usedCues.add(cue[0]);
  const phrase =
    between.trim().length === 0 ? phraseAfter(cased, cue[1], stop) : phraseBefore(cased, from, cue[0]);
  return attribute(reading, q, phrase, cue[2]);
}

const DESCRIBED =
  /\bdescribed\s+by\s+(\S[^,;:"“]{0,40}?)\s+as(?:\s+(?:the|a|an))?\s*$|\b(?:which|who|whom)\s+(\S[^,;:"“]{0,40}?)\s+described\s+(?:\w+\s+)?as(?:\s+(?:the|a|an))?\s*$/;

/** `Abe said: "…"`, `He added: "…"`, `which he said was "…"`: the last cue before the words. */
function before(reading: Reading, q: Quotation, sentence: Span): Attribution | undefined {
  const { cased } = reading;
  const cues = cuesIn(cased, sentence.start, q.open, reading.inside).filter((c) => c[2] !== 'according to');
  const cue = cues[cues.length - 1];
  const lead = cased.slice(sentence.start, q.open);
  // "was described by Jobs as "…"", "which Mr Harding described as "…"": the describer's words.
  const described = DESCRIBED.exec(lead);
  const describer = described?.[1] ?? described?.[2];
  if (described !== null && describer !== undefined) {
    const start = sentence.start + described.index + described[0].indexOf(describer);
    return attribute(reading, q, { text: describer, start }, 'described');
  }
  if (cue === undefined) {
    // "He also praised the film director: "…"": the sentence's subject.
    if (!/:\s*$/.test(lead)) return undefined;
    return attribute(
      reading,
      q,
      phraseBefore(cased, sentence.start, firstVerbEnd(cased, sentence.start, q.open)),
      'said',
    );
  }
  const head = cased.slice(sentence.start, cue[0]);
  if (cue[2].endsWith('ing')) {
    return attribute(
      reading,
      q,
      phraseBefore(cased, sentence.start, firstVerbEnd(cased, sentence.start, cue[0])),
      cue[2],
    );
  }
  const inverted = head.trim().length === 0 || /["”,]\s*$/.test(head);
  // "Union leader Derek Simpson, who has criticised the firm, said: "…"": no one after the cue.
  const after = inverted ? phraseAfter(cased, cue[1], q.open) : undefined;
  const phrase = after ?? phraseBefore(cased, sentence.start, cue[0]);
  return attribute(reading, q, phrase, cue[2]);
}

/** Where the subject of a sentence ends: before its first lower-case word that is not a role word. */
function firstVerbEnd(text: string, from: number, to: number): number {
  const tokens = tokenize(text, from, to);
  let end = from;
  for (const [i, token] of tokens.entries()) {
    if (/^[,:"“]$/.test(token.text)) break;
    if (i > 0 && looksLikeVerb(token.text)) break;
    end = token.end;
  }
  return end;
}

function draftOf(attribution: Attribution, q: Quotation): Draft {
  return {
    speaker: attribution.speaker,
    asWritten: attribution.phrase.text,
    kind: 'direct',
    cue: attribution.cue,
    start: q.start,
    end: q.end,
    quotations: [q],
  };
}

/** Attribute one quotation, in reading order, recording it as a statement when someone said it. */
export function readQuotation(reading: Reading, q: Quotation, sentence: Span): void {
  const previous = reading.drafts[reading.drafts.length - 1];
  const lead = reading.cased.slice(sentence.start, q.open).trim();
  // A quoted phrase inside a sentence ("needs to be "exploded", the minister said") is the
  // sentence's, reported: the attribution after it is not the phrase's own.
  const opensStatement = lead.length === 0 || /[:,]$/.test(lead) || q.continues;
  const own = opensStatement ? after(reading, q, sentence) : undefined;
  const lastQuote = previous?.quotations[previous.quotations.length - 1];
  if (
    q.continues &&
    previous !== undefined &&
    lastQuote !== undefined &&
    reading.text.slice(lastQuote.close, q.open).trim().length === 0
  ) {
    if (own === undefined || own.speaker.name === previous.speaker.name) {
      previous.quotations.push(q);
      previous.end = q.end;
      record(reading, reading.drafts.pop() as Draft);
      return;
    }
  }
  if (own !== undefined) {
    record(reading, draftOf(own, q));
    return;
  }
  if (lead.length > 0) {
    const introduced = before(reading, q, sentence);
    if (introduced === undefined) return;
    // Quoted words inside a reported statement of the same speaker are part of it already.
    const within = reading.drafts.some(
      (d) =>
        d.kind === 'reported' &&
        d.start <= q.start &&
        d.end >= q.end &&
        d.speaker.name === introduced.speaker.name,
    );
    if (!within) record(reading, draftOf(introduced, q));
    return;
  }
  const last = reading.discourse.last;
  if (previous !== undefined && last !== undefined && q.open - last.end <= CONTINUATION_MAX_CHARS) {
    record(reading, {
      ...draftOf(
        { speaker: last.speaker, phrase: { text: previous.asWritten, start: q.open }, cue: previous.cue },
        q,
      ),
    });
  }
}
