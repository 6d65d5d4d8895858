/** What an ingest run reports: progress while it runs, skips as they happen, a summary at the end. */

/** Passages gathered before one embedding call (several batches, across articles). */
export const INGEST_FLUSH_PASSAGES = 128;

export interface IngestProgress {
  articlesDone: number;
  /** Total articles, when known in advance (files are listed first). */
  articlesTotal: number | undefined;
  passagesEmbedded: number;
  elapsedMs: number;
  current: string;
}

export interface IngestSkip {
  path: string;
  line?: number | undefined;
  code: string;
  message: string;
}

export interface IngestSummary {
  articlesNew: number;
  articlesChanged: number;
  articlesUnchanged: number;
  articlesRemoved: number;
  /**
   * Of the changed articles, those whose embedded text (title, passages) did not change: only
   * their fields (metadata, date, source, place) were written, their passages and vectors kept.
   */
  articlesMetadataOnly: number;
  /** Passages the model embedded. */
  passagesEmbedded: number;
  /** Passages whose text (with its context) was embedded before: the stored vector was reused. */
  passagesReused: number;
  passagesTruncated: number;
  /** Articles written that copy another word for word (normalized text). */
  copiesExact: number;
  /** Articles written that nearly copy another (the same story, slightly changed). */
  copiesNear: number;
  /** Records read that had a title and no text, stored with the title as their text. */
  articlesTitleOnly: number;
  skipped: IngestSkip[];
  interrupted: boolean;
  seconds: number;
  generation: number;
  /** With prune: the ids removed (or, with dryRun, the ids that would be). */
  pruned?: string[];
}

export interface IngestRunOptions {
  /** Remove stored articles whose source under these roots is positively gone. */
  prune?: boolean | undefined;
  /** Prune only articles of these collections (ids "collection/…"); absent: any under the roots. */
  pruneCollections?: readonly string[] | undefined;
  /** With prune: list what would be removed (summary.pruned) and remove nothing. */
  dryRun?: boolean | undefined;
  /** The paths given to the ingest, for prune. */
  roots?: readonly string[];
  signal?: AbortSignal;
  onProgress?: (p: IngestProgress) => void;
  onSkip?: (s: IngestSkip) => void;
  articlesTotal?: number | undefined;
  /**
   * Extract and store each written article's statements. @default true. False (for measuring
   * their cost) leaves them to be read when the index is next opened for writing.
   */
  statements?: boolean | undefined;
}

/** A summary of nothing done yet, at the given generation. */
export function emptySummary(generation: number): IngestSummary {
  return {
    articlesNew: 0,
    articlesChanged: 0,
    articlesUnchanged: 0,
    articlesRemoved: 0,
    articlesMetadataOnly: 0,
    passagesEmbedded: 0,
    passagesReused: 0,
    passagesTruncated: 0,
    copiesExact: 0,
    copiesNear: 0,
    articlesTitleOnly: 0,
    skipped: [],
    interrupted: false,
    seconds: 0,
    generation,
  };
}
