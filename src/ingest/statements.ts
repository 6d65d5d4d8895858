/**
 * Statements at ingest: each written article's statements are extracted from its text and
 * stored with it; an index whose articles were read by another extractor version (or none, an
 * index from before statements were stored) has them read again, articles only, no embedding.
 */
import type { ArticleStatements, ChunkStore, VectorIndex } from '../backends/index.js';
import { extractStatements, extractStatementsInSlices, STATEMENTS_VERSION } from '../statements/index.js';

/** An article's statements by the current extractor; none if the extractor fails on it. */
export function readStatements(article: { title: string; text: string }): ArticleStatements {
  try {
    return {
      version: STATEMENTS_VERSION,
      statements: extractStatements({ title: article.title, text: article.text }),
    };
  } catch {
    // A rule that throws on one odd text must not stop an ingest: the article has none.
    return { version: STATEMENTS_VERSION, statements: [] };
  }
}

/** The same, read in slices (a server's HTTP thread answers between them). */
export async function readStatementsInSlices(article: {
  title: string;
  text: string;
}): Promise<ArticleStatements> {
  try {
    return {
      version: STATEMENTS_VERSION,
      statements: await extractStatementsInSlices({ title: article.title, text: article.text }),
    };
  } catch {
    return { version: STATEMENTS_VERSION, statements: [] };
  }
}

/** Articles read per statements write. */
export const REFRESH_BATCH = 200;
/** Stale articles from which progress is worth a line on stderr. */
export const REFRESH_PROGRESS_FROM = 500;
const PROGRESS_EVERY_MS = 2_000;

export interface RefreshSummary {
  articles: number;
  statements: number;
  generation: number | undefined;
}

/**
 * Read the statements of every article whose stored statements are not the current
 * extractor's, and store them (the caller holds the write lock). Progress goes to `log` for a
 * large index. Articles removed meanwhile are passed over.
 */
export async function refreshStatements(
  deps: { store: ChunkStore; vectorIndex: VectorIndex },
  log: (line: string) => void,
  version = STATEMENTS_VERSION,
): Promise<RefreshSummary> {
  const { store, vectorIndex } = deps;
  const first = await store.staleStatements(version, REFRESH_BATCH);
  const summary: RefreshSummary = { articles: 0, statements: 0, generation: undefined };
  if (first.total === 0) return summary;
  const loud = first.total >= REFRESH_PROGRESS_FROM;
  const started = Date.now();
  let said = started;
  if (loud) log(`reading the statements of ${first.total} articles (once; passages are not embedded again)`);
  let page = first.ids;
  while (page.length > 0) {
    const articles = await Promise.all(page.map((id) => store.getArticle(id)));
    const writes: Array<{ articleId: string; statements: ArticleStatements['statements'] }> = [];
    for (const a of articles)
      if (a) writes.push({ articleId: a.id, statements: (await readStatementsInSlices(a)).statements });
    if (writes.length > 0) {
      const change = await store.writeStatements(writes, version);
      await vectorIndex.applyWrite(change);
      summary.generation = change.generation;
    }
    summary.articles += writes.length;
    summary.statements += writes.reduce((n, w) => n + w.statements.length, 0);
    if (loud && Date.now() - said >= PROGRESS_EVERY_MS) {
      said = Date.now();
      log(`statements: ${summary.articles}/${first.total} articles read`);
    }
    if (page.length < REFRESH_BATCH) break;
    page = (await store.staleStatements(version, REFRESH_BATCH, page.at(-1))).ids;
  }
  if (summary.generation !== undefined) await vectorIndex.flush();
  if (loud) {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    log(`statements: ${summary.articles} articles read, ${summary.statements} statements, in ${seconds} s`);
  }
  return summary;
}
