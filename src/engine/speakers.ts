/**
 * The speakers of the whole index (`engine.speakers`, `semsearch speakers`, GET /v1/speakers,
 * the page's "most quoted"), the speakers a question's name may mean (matched against every
 * speaker the index knows, not against the text), and the statements read when an index is
 * opened for writing after the extractor changed.
 */
import type { ChunkStore, SearchFilters, SpeakerCount, SpeakerList } from '../backends/index.js';
import { SearchError } from '../errors.js';
import { refreshStatements } from '../ingest/index.js';
import { Lru } from '../lru.js';
import { knownSpeakers, speakersAsked } from '../results/index.js';
import type { EngineContext } from '../search/context.js';
import {
  allowedEdits,
  editDistance,
  initials,
  normaliseSpeaker,
  STATEMENTS_VERSION,
} from '../statements/index.js';

export interface SpeakersQuery {
  /** Speakers to return, most quoted first. @default 50, at most SPEAKERS_LISTED_MAX */
  limit?: number | undefined;
  /** Only statements in articles of these collections. */
  collections?: readonly string[] | undefined;
  /** Only articles dated on or after / before or on (YYYY-MM-DD, YYYY-MM or YYYY). */
  dateFrom?: string | undefined;
  dateTo?: string | undefined;
  /** Give each speaker's words in the newest article quoting them (`latest`). @default false */
  latest?: boolean | undefined;
}

/** A speaker of the list, with their newest words when asked for. */
export interface ListedSpeaker extends SpeakerCount {
  latest?: { articleId: string; date: string | null; text: string } | undefined;
}

export interface SpeakersResponse extends SpeakerList {
  speakers: ListedSpeaker[];
}

/** Speakers one listing returns at most. */
export const SPEAKERS_LISTED_MAX = 1000;

export async function listSpeakers(ctx: EngineContext, query: SpeakersQuery = {}): Promise<SpeakersResponse> {
  const limit = query.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > SPEAKERS_LISTED_MAX) {
    throw new SearchError('BAD_INPUT', `limit must be a whole number from 1 to ${SPEAKERS_LISTED_MAX}.`);
  }
  const filters: SearchFilters = {
    ...(query.collections?.length ? { collections: query.collections } : {}),
    ...(query.dateFrom ? { dateFrom: query.dateFrom } : {}),
    ...(query.dateTo ? { dateTo: query.dateTo } : {}),
  };
  const list = await ctx.store.speakers({ filters, limit }, STATEMENTS_VERSION);
  if (!query.latest) return list;
  const speakers = await Promise.all(
    list.speakers.map(async (s): Promise<ListedSpeaker> => {
      const [newest] = await ctx.store.speakerStatements([s.name], STATEMENTS_VERSION, {
        filters,
        articles: 1,
      });
      const words = newest?.statements.map((st) => st.text).join(' ') ?? '';
      return newest ? { ...s, latest: { articleId: newest.articleId, date: newest.date, text: words } } : s;
    }),
  );
  return { ...list, speakers };
}

/**
 * Speakers a question's name is matched against: the most quoted this many. (An Elasticsearch
 * aggregation of more, each with its roles and dates, passes the cluster's bucket limit.)
 */
export const KNOWN_SPEAKERS = 4_000;

/** The most quoted speakers of an index, and whether they are all of them, with all statements stored. */
interface KnownSpeakers {
  generation: number;
  speakers: Map<string, SpeakerCount>;
  /**
   * False: some articles' statements are not stored (a read-only index from before), or the
   * index quotes more than KNOWN_SPEAKERS people: a name matching none of these may still be
   * someone, so the articles found are read for their speakers.
   */
  complete: boolean;
}

const known = new WeakMap<ChunkStore, Promise<KnownSpeakers>>();

/** The index's speakers, read once per generation. */
export async function indexSpeakers(ctx: EngineContext): Promise<KnownSpeakers> {
  const generation = await ctx.store.generation();
  const cached = known.get(ctx.store);
  if (cached) {
    const value = await cached.catch(() => undefined);
    if (value && value.generation === generation) return value;
  }
  const loading = (async (): Promise<KnownSpeakers> => {
    const [list, stale] = await Promise.all([
      ctx.store.speakers({ limit: KNOWN_SPEAKERS }, STATEMENTS_VERSION),
      ctx.store.staleStatements(STATEMENTS_VERSION, 0),
    ]);
    return {
      generation,
      speakers: new Map(list.speakers.map((s) => [s.name, s])),
      complete: stale.total === 0 && list.total <= list.speakers.length,
    };
  })();
  known.set(ctx.store, loading);
  return loading;
}

/** A known speaker's name and roles as the matcher compares them, worked out once per generation. */
interface Normalised {
  speaker: SpeakerCount;
  name: string;
  words: Set<string>;
  last: string;
  initials: string;
  roleLasts: Set<string>;
}

const lastOf = (words: readonly string[]) => words[words.length - 1] ?? '';

function normalised(speakers: ReadonlyMap<string, SpeakerCount>): Normalised[] {
  return [...speakers.values()].map((speaker) => {
    const name = normaliseSpeaker(speaker.name);
    const words = name.split(' ');
    return {
      speaker,
      name,
      words: new Set(words),
      last: lastOf(words),
      initials: initials(words),
      roleLasts: new Set(speaker.roles.map((r) => lastOf(normaliseSpeaker(r).split(' ')))),
    };
  });
}

/** Per list of speakers (one a generation): its normalised entries and the names asked of it. */
const prepared = new WeakMap<
  ReadonlyMap<string, SpeakerCount>,
  { known: Normalised[]; asked: Lru<string, string[]> }
>();

/**
 * Whether `asked` may name `k` by any rule of the matcher (src/statements/match-speaker.ts), for
 * any of the ways a typed speaker is read (the whole, or its last words): every such match
 * shares the last word (a surname, part of the name, a role's last word), is the initials, or
 * is within the typos allowed of the surname or the whole name. A cheap test that passes everything the
 * matcher could accept, so that the matcher runs on a few speakers rather than thousands.
 */
function mayName(words: readonly string[], k: Normalised): boolean {
  const last = lastOf(words);
  if (k.words.has(last) || k.roleLasts.has(last)) return true;
  if (last.replace(/[^a-z]/g, '') === k.initials) return true;
  const near = (q: string, known: string) => {
    const edits = allowedEdits(known.length);
    return Math.abs(q.length - known.length) <= edits && editDistance(q, known, edits) <= edits;
  };
  if (near(last, k.last)) return true;
  for (let from = 0; from < words.length; from++) if (near(words.slice(from).join(' '), k.name)) return true;
  return false;
}

/**
 * The index's speakers that `asked` names ("Blair", "Blunket", "the chancellor"), best kind of
 * match first, by the matching a question's answer uses (src/results/statements.ts).
 */
export function speakersNamed(asked: string, speakers: ReadonlyMap<string, SpeakerCount>): string[] {
  let entry = prepared.get(speakers);
  if (!entry) {
    entry = { known: normalised(speakers), asked: new Lru(256) };
    prepared.set(speakers, entry);
  }
  const answered = entry.asked.get(asked);
  if (answered) return answered;
  const words = normaliseSpeaker(asked).split(' ');
  // The candidates as the matcher reads them from statements: each under their name and roles.
  const candidates = entry.known
    .filter((k) => mayName(words, k))
    .map(({ speaker: s }) => ({ speaker: s.name, speakerAsWritten: s.name, speakerRoles: s.roles }));
  const names = speakersAsked(asked, knownSpeakers(candidates));
  entry.asked.set(asked, names);
  return names;
}

/** A name typed as a role: "the chancellor", "the prime minister". */
export const isRole = (asked: string): boolean => /^the\s+\p{L}/iu.test(asked.trim());

/**
 * For a role, the one speaker who holds it: of the speakers the role matched (a chancellor of
 * Germany, a speaker some article calls the chancellor), the one whose most frequent role it is,
 * then the most quoted. Index-wide roles carry extraction errors, so "the chancellor" matched
 * seven speakers over the BBC's articles, and the answer opened on the first by name.
 */
export function personInRole(
  asked: string,
  names: readonly string[],
  speakers: ReadonlyMap<string, SpeakerCount>,
): string[] {
  if (!isRole(asked) || names.length <= 1) return [...names];
  const role = normaliseSpeaker(asked.trim().replace(/^the\s+/i, ''));
  const holds = (name: string) => {
    const primary = speakers.get(name)?.roles[0];
    return primary !== undefined && ` ${normaliseSpeaker(primary)}`.endsWith(` ${role}`);
  };
  const statements = (name: string) => speakers.get(name)?.statements ?? 0;
  const best = [...names].sort(
    (a, b) => Number(holds(b)) - Number(holds(a)) || statements(b) - statements(a) || a.localeCompare(b),
  )[0] as string;
  return [best];
}

/**
 * At open, for a writable index: read the statements of articles stored without them (an
 * index from before they were stored) or by another extractor version, under the write lock.
 * A read-only index is left as it is (its statements are read when asked for).
 */
export async function refreshAtOpen(ctx: EngineContext): Promise<void> {
  try {
    const stale = await ctx.store.staleStatements(STATEMENTS_VERSION, 0);
    if (stale.total === 0) return;
    await ctx.maintenance.withWriteLock(() => refreshStatements(ctx, ctx.log));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'INDEX_READ_ONLY') return;
    ctx.log(`statements were not brought up to date: ${(error as Error).message}`);
  }
}
