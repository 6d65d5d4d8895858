/**
 * Who said what in a news article: the statements (direct quotations and reported speech) with
 * their speakers resolved inside the article, and the speaker-name matching the query side
 * needs. Rule-based and deterministic; no model.
 *
 * @example
 * const statements = extractStatements({ title: '', text });
 * // [{ speaker: 'Shinzo Abe', speakerAsWritten: 'Abe', kind: 'direct', cue: 'said', text: '…', … }]
 * matchSpeaker('Abe', statements.map((s) => s.speaker)); // [{ speaker: 'Shinzo Abe', kind: 'surname', … }]
 */

export { extract as extractStatements, extractInSlices as extractStatementsInSlices } from './extract.js';
export {
  allowedEdits,
  editDistance,
  initials,
  type KnownSpeaker,
  matchSpeaker,
  normaliseSpeaker,
  SPEAKER_MATCH_MIN_SCORE,
  type SpeakerMatch,
  type SpeakerMatchKind,
} from './match-speaker.js';
export type { ArticleText, Statement, StatementKind } from './types.js';
export { STATEMENTS_VERSION } from './version.js';
