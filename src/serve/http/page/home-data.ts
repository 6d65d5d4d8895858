/**
 * What the page's first screen shows, worked out once per index generation: the store's counts
 * (collections, date range, articles per month, the newest articles) and the people quoted in
 * the newest QUOTED_FROM articles (at most QUOTED_CHARS of their text, read and run through the
 * statement extractor once, not the whole index), with example questions drawn from them. A load without a change in between
 * costs one generation read and the live sources' status file.
 */

import type { ArticleListing } from '../../../backends/index.js';
import type { SearchEngine } from '../../../index.js';
import {
  derivedTitle,
  exampleQuestions,
  mostQuoted,
  type QuotedPerson,
  type TimelineBar,
  timelineBars,
} from '../../../results/index.js';
import { extractStatements, type Statement } from '../../../statements/index.js';
import { readSourceStatus, type SourceStatus } from '../../../subscriptions/index.js';

/** Newest articles read for the most quoted people, and at most this much of their text. */
export const QUOTED_FROM = 100;
export const QUOTED_CHARS = 400_000;
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
  quoted: QuotedPerson[];
  /** How many of the newest articles `quoted` counts over. */
  quotedFrom: number;
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
  const [facts, archive] = await Promise.all([engine.corpusFacts(), engine.archive({ newest: QUOTED_FROM })]);
  const read = await Promise.all(archive.newest.map((a) => engine.getArticle(a.id)));
  // Long articles (a speech of 30,000 words) stop the reading early: the screen stays quick.
  const quotedIn: Array<{ statements: Statement[]; text: string }> = [];
  let chars = 0;
  for (const a of read) {
    if (!a) continue;
    if (chars > 0 && chars + a.text.length > QUOTED_CHARS) break;
    chars += a.text.length;
    quotedIn.push({ statements: extractStatements({ title: a.title, text: a.text }), text: a.text });
  }
  const quoted = mostQuoted(quotedIn, 8);
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
    quotedFrom: quotedIn.length,
    examples: exampleQuestions(
      quoted,
      newest.map((a) => a.title),
    ),
  };
}
