/**
 * Scores an index against judged queries: nDCG@10, MRR@10, Recall@100 at article level, and
 * optionally a TREC run file (`qid Q0 articleId rank score semsearch`, up to 1000 per query).
 */
import { readFileSync } from 'node:fs';
import type { SearchEngine } from '../engine/index.js';
import { SearchError } from '../errors.js';
import type { RankArticlesOptions } from '../search/index.js';
import { meanMetrics, parseQrels, type QueryMetrics, scoreQuery } from './metrics.js';

/** Articles written per query to a run file. */
export const RUN_FILE_DEPTH = 1000;

export interface EvalQuery {
  id: string;
  text: string;
}

export interface EvalResult extends QueryMetrics {
  queries: number;
  mode: string;
  seconds: number;
  /** Queries that could not be run, with the reason (they count in no average). */
  unscored: Array<{ id: string; reason: string }>;
  /** Ranked articles whose id is judged in the qrels (0: the ids do not match; see judgedIdOf). */
  judgedFound: number;
  /** An id ranked first, for a message when none matched. */
  sampleId?: string | undefined;
}

/**
 * The qrels' id of a ranked article: its own, or without the collection it was ingested into
 * ("bbc/bbc-0001" → "bbc-0001"): `ingest` prefixes ids with the collection, `eval --corpus`
 * does not, and qrels name the corpus's own ids.
 */
export function judgedIdOf(articleId: string, judged: ReadonlySet<string>): string {
  if (judged.has(articleId)) return articleId;
  const slash = articleId.indexOf('/');
  const bare = slash >= 0 ? articleId.slice(slash + 1) : articleId;
  return judged.has(bare) ? bare : articleId;
}

export function readQueries(path: string): EvalQuery[] {
  const out: EvalQuery[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      let rec: { id?: unknown; _id?: unknown; text?: unknown; q?: unknown };
      try {
        rec = JSON.parse(line) as typeof rec;
      } catch (cause) {
        throw new SearchError('MALFORMED_JSON', `${path}:${i + 1}: not valid JSON.`, { cause });
      }
      const id = rec.id ?? rec._id;
      const text = rec.text ?? rec.q;
      if ((typeof id !== 'string' && typeof id !== 'number') || typeof text !== 'string') {
        throw new SearchError('BAD_INPUT', `${path}:${i + 1}: a query needs "id" and "text".`);
      }
      out.push({ id: String(id), text });
    });
  return out;
}

export async function evaluate(
  engine: SearchEngine,
  queries: readonly EvalQuery[],
  qrelsText: string,
  options: RankArticlesOptions & {
    run?: ((line: string) => void) | undefined;
    onQuery?: (done: number) => void;
  } = {},
): Promise<EvalResult> {
  const started = Date.now();
  const qrels = parseQrels(qrelsText);
  const judgedIds = new Set([...qrels.values()].flatMap((j) => [...j.keys()]));
  let judgedFound = 0;
  let sampleId: string | undefined;
  const scores: QueryMetrics[] = [];
  const unscored: EvalResult['unscored'] = [];
  let done = 0;
  for (const q of queries) {
    const judged = qrels.get(q.id);
    const wantRun = options.run !== undefined;
    if (!judged && !wantRun) continue;
    let ranked: Array<{ articleId: string; score: number }>;
    try {
      ranked = (await engine.rankArticles(q.text, { ...options, limit: wantRun ? RUN_FILE_DEPTH : 100 })).map(
        (r) => ({ ...r, articleId: judgedIdOf(r.articleId, judgedIds) }),
      );
      sampleId ??= ranked[0]?.articleId;
      judgedFound += ranked.filter((r) => judgedIds.has(r.articleId)).length;
    } catch (error) {
      // One query that cannot run never aborts the evaluation: it is reported as unscored.
      unscored.push({ id: q.id, reason: (error as Error).message });
      options.onQuery?.(++done);
      continue;
    }
    if (options.run) {
      ranked.forEach((r, i) => {
        options.run?.(`${q.id} Q0 ${r.articleId} ${i + 1} ${r.score.toFixed(6)} semsearch`);
      });
    }
    if (judged && [...judged.values()].some((g) => g > 0)) {
      scores.push(
        scoreQuery(
          ranked.map((r) => r.articleId),
          judged,
        ),
      );
    }
    options.onQuery?.(++done);
  }
  const mean = meanMetrics(scores);
  return {
    ...mean,
    mode: options.mode ?? 'hybrid',
    seconds: (Date.now() - started) / 1000,
    unscored,
    judgedFound,
    sampleId,
  };
}
