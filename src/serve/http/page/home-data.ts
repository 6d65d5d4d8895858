/**
 * What the page's first screen shows, worked out once per index generation: the store's counts
 * (collections, date range, articles per month, the newest articles) and the people the whole
 * index quotes most (from the statements stored at ingest, counted by the store), with example
 * questions drawn from their newest words. A load without a change in between costs one
 * generation read and the live sources' status file.
 */

import type { ArticleListing } from '../../../backends/index.js';
import type { SearchEngine } from '../../../index.js';
import {
  derivedTitle,
  exampleQuestions,
  isFullName,
  type QuotedPerson,
  type TimelineBar,
  timelineBars,
} from '../../../results/index.js';
import { readSourceStatus, type SourceStatus } from '../../../subscriptions/index.js';

/** People shown as the most quoted. */
export const QUOTED_SHOWN = 8;
/** The most quoted speakers looked at for them (those that read as a person's full name are shown). */
const QUOTED_LOOKED_AT = 40;
/** Newest articles listed. */
export const NEWEST_SHOWN = 6;

export interface HomeData {
  articles: number;
  dateFrom: string | null;
  dateTo: string | null;
  /** Articles without a full date. */
  undated: number;
  timeline: TimelineBar[];
  collections: Array<{ name: string; articles: number; updatedAt: string }>;
  /** Watched folders and followed feeds (sources.json), with their last change. */
  live: SourceStatus[];
  /** The newest articles, in the date range asked for when there is one. */
  newest: NewestArticle[];
  /** The people the whole index quotes in the most articles. */
  quoted: QuotedPerson[];
  examples: string[];
}

/** A listed article; an untitled one with its first words instead (`derived`). */
export type NewestArticle = ArticleListing & { derived?: string };

type Base = Omit<HomeData, 'live'>;

/** An untitled article with the title the cards and the article page derive for it. */
function labelled(listing: ArticleListing, text: string | undefined): NewestArticle {
  const derived = listing.title || !text?.trim() ? '' : derivedTitle(text);
  return derived ? { ...listing, derived } : listing;
}

/** The first screen's data for one engine, cached by generation (and, for the newest, by date range). */
export function homeData(
  engine: SearchEngine,
): (range?: { dateFrom?: string; dateTo?: string }) => Promise<HomeData> {
  let cached:
    | { generation: number; base: Promise<Base>; ranges: Map<string, Promise<NewestArticle[]>> }
    | undefined;
  return async (range = {}) => {
    const generation = await engine.generation();
    if (cached?.generation !== generation) {
      const base = build(engine);
      base.catch(() => {
        if (cached?.base === base) cached = undefined;
      });
      cached = { generation, base, ranges: new Map() };
    }
    const base = await cached.base;
    let newest = base.newest;
    if (range.dateFrom || range.dateTo) {
      const key = `${range.dateFrom ?? ''}\n${range.dateTo ?? ''}`;
      let page = cached.ranges.get(key);
      if (!page) {
        if (cached.ranges.size >= 32) cached.ranges.clear();
        page = engine
          .archive({ newest: NEWEST_SHOWN, ...range })
          .then((a) =>
            Promise.all(a.newest.map(async (l) => labelled(l, (await engine.getArticle(l.id))?.text))),
          );
        cached.ranges.set(key, page);
      }
      newest = await page;
    }
    return { ...base, newest, live: readSourceStatus(engine.config.indexDir) };
  };
}

async function build(engine: SearchEngine): Promise<Base> {
  const [facts, archive, speakers] = await Promise.all([
    engine.corpusFacts(),
    engine.archive({ newest: NEWEST_SHOWN }),
    engine.speakers({ limit: QUOTED_LOOKED_AT, latest: true }),
  ]);
  // People by their full names (the extractor may take "Air Force" for one), most articles first.
  const people = speakers.speakers
    .filter((s) => isFullName(s.name))
    .sort((a, b) => b.articles - a.articles || b.statements - a.statements)
    .slice(0, QUOTED_SHOWN);
  const quoted: QuotedPerson[] = people.map((p) => ({
    speaker: p.name,
    articles: p.articles,
    statements: p.statements,
    sample: (p.latest?.text ?? '').slice(0, 600),
  }));
  const read = await Promise.all(archive.newest.map((a) => engine.getArticle(a.id)));
  const newest = archive.newest.slice(0, NEWEST_SHOWN).map((l, i) => labelled(l, read[i]?.text));
  return {
    articles: facts.articles,
    dateFrom: facts.dateFrom,
    dateTo: facts.dateTo,
    undated: archive.undated,
    timeline: timelineBars(archive.months),
    collections: archive.collections,
    newest,
    quoted,
    examples: exampleQuestions(
      quoted,
      newest.map((a) => a.title),
    ),
  };
}
