/** What the extraction rules share while reading one article. */

import type { Quotation } from './quotes.js';
import type { Discourse, Speaker } from './resolve.js';
import type { Span } from './text.js';
import type { StatementKind } from './types.js';

/** A statement found, before its text is cut out. */
export interface Draft {
  speaker: Speaker;
  asWritten: string;
  kind: StatementKind;
  cue: string;
  start: number;
  end: number;
  /** The quotations a direct statement is made of (more than one over paragraphs). */
  quotations: Quotation[];
}

export interface Reading {
  /** The article text as given: offsets point into it. */
  text: string;
  /** The same text with case restored where it was all capitals; names are read from this. */
  cased: string;
  quotations: Quotation[];
  sentences: Span[];
  inside: (offset: number) => boolean;
  discourse: Discourse;
  /** Offsets of cue verbs already taken by a quotation's attribution. */
  usedCues: Set<number>;
  drafts: Draft[];
}

/** Record a statement and make its speaker the one later pronouns and continuations lean on. */
export function record(reading: Reading, draft: Draft): void {
  reading.drafts.push(draft);
  reading.discourse.last = { speaker: draft.speaker, end: draft.end, asWritten: draft.asWritten };
  // A source ("according to PC Pro") is not thereby a person "he" may mean.
  if (draft.cue !== 'according to') reading.discourse.spoken.add(draft.speaker.entity);
}
