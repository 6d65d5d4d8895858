/**
 * Statements as a store keeps them: each article's statements (src/statements), extracted at
 * ingest and written with the article, tagged with the version of the extractor that read them;
 * the speakers of the whole index counted by the store's own aggregates.
 */
import type { Statement } from '../statements/index.js';
import type { SearchFilters, StoreChange } from './store-shapes.js';

/** An article's statements and the version of the extractor that found them (STATEMENTS_VERSION). */
export interface ArticleStatements {
  version: number;
  statements: readonly Statement[];
}

/** One article's statements to write on their own (an upgrade or a new extractor: no re-embedding). */
export interface StatementsWrite {
  articleId: string;
  statements: readonly Statement[];
}

/** A speaker of the index, counted over the articles the filters keep. */
export interface SpeakerCount {
  /** The fullest name the articles give them ("Tony Blair"). */
  name: string;
  /** Statements attributed to them. */
  statements: number;
  /** Articles quoting them. */
  articles: number;
  /** The earliest and latest full date of those articles. */
  firstDate: string | null;
  lastDate: string | null;
  /** The roles the articles give them, lower case, most frequent first (see speakerRoles). */
  roles: string[];
}

export interface SpeakersRequest {
  /** Collections, dates, source and metadata narrow the articles counted, as for a search. */
  filters?: SearchFilters | undefined;
  /** @default SPEAKERS_LIMIT_DEFAULT, at most SPEAKERS_LIMIT_MAX */
  limit?: number | undefined;
}

export const SPEAKERS_LIMIT_DEFAULT = 50;
/** Speakers one call returns at most (an Elasticsearch aggregation of many more passes the cluster's bucket limit). */
export const SPEAKERS_LIMIT_MAX = 5_000;
/** Roles kept per speaker. */
export const SPEAKER_ROLES_MAX = 8;

/** The speakers of the index, most statements first, with the number of distinct speakers. */
export interface SpeakerList {
  total: number;
  speakers: SpeakerCount[];
}

/** A speaker's statements in one article, with what a card says of the article. */
export interface SpeakerStatements {
  articleId: string;
  date: string | null;
  statements: Statement[];
}

/** The limit a speakers call uses, within bounds. */
export function speakersLimit(limit: number | undefined): number {
  return Math.min(Math.max(Math.trunc(limit ?? SPEAKERS_LIMIT_DEFAULT), 1), SPEAKERS_LIMIT_MAX);
}

/**
 * The roles a statement gives its speaker for matching "the chancellor": the roles the article
 * names ("Chancellor Gordon Brown"), and the description it was attributed under ("the
 * chancellor said", read as his). Both backends keep these per statement, so that speaker
 * lists agree.
 */
export function speakerRoles(s: Pick<Statement, 'speakerRoles' | 'speakerAsWritten'>): string[] {
  const out = new Set(s.speakerRoles);
  if (/^the\s+\p{Ll}/u.test(s.speakerAsWritten)) out.add(s.speakerAsWritten.toLowerCase());
  return [...out];
}

/** Speakers most quoted first, then by name (code-unit order). */
export function bySpeakerCount(a: SpeakerCount, b: SpeakerCount): number {
  return b.statements - a.statements || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/**
 * What every store does with statements (part of ChunkStore). Articles written without
 * statements, or with another extractor version, are "stale": the engine reads them again
 * (`staleStatements`, `writeStatements`) when it opens the index for writing.
 */
export interface StatementStore {
  /** The stored statements of each article read by extractor `version` (other articles are absent). */
  articleStatements(ids: readonly string[], version: number): Promise<Map<string, Statement[]>>;
  /**
   * Articles whose statements were not read by extractor `version`: how many, and the first
   * `limit` ids in id order (after the id `after`, to page through them).
   */
  staleStatements(
    version: number,
    limit: number,
    after?: string | undefined,
  ): Promise<{ total: number; ids: string[] }>;
  /** Replace the statements of these articles (their passages and vectors stay); one generation. */
  writeStatements(writes: readonly StatementsWrite[], version: number): Promise<StoreChange>;
  /** The speakers of the articles the filters keep (statements of extractor `version`), most quoted first. */
  speakers(request: SpeakersRequest, version: number): Promise<SpeakerList>;
  /**
   * The statements of the named speakers (canonical names, as `speakers` gives them) across the
   * index, newest articles first, at most `articles` articles.
   */
  speakerStatements(
    names: readonly string[],
    version: number,
    options: { filters?: SearchFilters | undefined; articles: number },
  ): Promise<SpeakerStatements[]>;
}
