/**
 * An API write cut into small slices with a turn of the event loop between them, so that
 * chunking and tokenizing a thousand articles never holds the main thread for long: /health
 * and searches are answered between slices. Each slice is its own transaction series; the
 * summaries are added up, so the client still gets one summary for its request.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Article, IngestSummary, SearchEngine } from '../../index.js';
import { emptySummary } from '../../ingest/index.js';

/** Articles per slice: small enough that one slice's chunking stays in the tens of milliseconds. */
export const WRITE_SLICE_ARTICLES = 16;

export async function ingestInSlices(
  engine: SearchEngine,
  articles: readonly Article[],
  sliceSize = WRITE_SLICE_ARTICLES,
): Promise<IngestSummary> {
  const started = Date.now();
  const total: IngestSummary = emptySummary(0);
  // The runner finds repeated ids within one call; across slices it cannot, so do it here.
  const seen = new Set<string>();
  const unique: Article[] = [];
  for (const a of articles) {
    if (seen.has(a.id)) {
      total.skipped.push({
        path: `article ${a.id}`,
        code: 'BAD_INPUT',
        message: `Article id "${a.id}" appears twice in this ingest; the later copy was skipped.`,
      });
    } else {
      seen.add(a.id);
      unique.push(a);
    }
  }
  for (let i = 0; i < unique.length || i === 0; i += sliceSize) {
    if (i > 0) await nextTurn();
    const s = await engine.ingestArticles(unique.slice(i, i + sliceSize));
    total.articlesNew += s.articlesNew;
    total.articlesChanged += s.articlesChanged;
    total.articlesUnchanged += s.articlesUnchanged;
    total.articlesRemoved += s.articlesRemoved;
    total.articlesMetadataOnly += s.articlesMetadataOnly;
    total.passagesEmbedded += s.passagesEmbedded;
    total.passagesReused += s.passagesReused;
    total.passagesTruncated += s.passagesTruncated;
    total.copiesExact += s.copiesExact;
    total.copiesNear += s.copiesNear;
    total.skipped.push(...s.skipped);
    total.interrupted ||= s.interrupted;
    total.generation = s.generation;
  }
  total.seconds = (Date.now() - started) / 1000;
  return total;
}
