/**
 * `npm run calibrate:label`: fits the label's confidence models (src/search/confidence.ts) at
 * the level of the question: is the first card relevant? Every judged question of the five
 * development sets (time-dev, SciFact, Cranfield by their qrels; the BBC reader and speech
 * questions by their judged articles, an unanswerable one never) gives the evidence of its
 * first card and whether it is relevant. Two logistic models are fitted with each set weighing
 * the same, the cards' (the best passage's evidence) and the label's (that and the share of the
 * question's words in the first card's whole article); it is checked by leaving each set out in turn (fitted on the other four, scored on the
 * one left out), against the label the code gives now (`before`), and a
 * reliability table compares the confidence stated with the share found relevant.
 *
 *   npm run calibrate:label -- [--datasets DIR] [--reuse]   (--reuse: the evidence of the last run)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseQuery } from '../src/analysis/index.js';
import { bareId, parseQrels } from '../src/evaluation/index.js';
import { readQueries } from '../src/index.js';
import {
  cardEvidence,
  FEATURE_NAMES,
  GOOD_CONFIDENCE,
  LABEL_FEATURE_NAMES,
  labelEvidence,
  NONE_CONFIDENCE,
} from '../src/search/index.js';
import { openCachedIndex } from './indexes.js';
import { DEFAULT_DATASETS, readJsonl } from './lib.js';
import { fitLogistic, predict, type Sample } from './logistic.js';

const { values } = parseArgs({
  options: {
    datasets: { type: 'string', default: DEFAULT_DATASETS },
    reuse: { type: 'boolean', default: false },
  },
});
const SAMPLES = 'bench-out/label-evidence.json';

interface Question {
  id: string;
  text: string;
  /** Whether an article answers it (by bare id). */
  relevant: (articleId: string) => boolean;
}
interface Evidence {
  set: string;
  id: string;
  x: number[];
  y: 0 | 1;
  /** The label the code gives now (to compare a refit with). */
  before: string;
}

function questionsOf(set: string, dir: string): Question[] {
  if (set === 'bbc-news' || set === 'bbc-speech') {
    const file = set === 'bbc-news' ? 'news_questions.jsonl' : 'speech_questions.jsonl';
    return readJsonl<{
      id: string;
      q: string;
      articles: Record<string, number> | string[];
      answerable: boolean;
    }>(join(dir, file)).map((q) => {
      const ids = new Set(Array.isArray(q.articles) ? q.articles : Object.keys(q.articles));
      return { id: q.id, text: q.q, relevant: (a) => q.answerable && ids.has(a) };
    });
  }
  const qrels = parseQrels(readFileSync(join(dir, 'qrels.tsv'), 'utf8'));
  return readQueries(join(dir, 'queries.jsonl'))
    .filter((q) => qrels.has(q.id))
    .map((q) => ({ id: q.id, text: q.text, relevant: (a) => (qrels.get(q.id)?.get(a) ?? 0) > 0 }));
}

async function collect(): Promise<Evidence[]> {
  const out: Evidence[] = [];
  for (const set of ['time-dev', 'scifact', 'cranfield', 'bbc-news', 'bbc-speech']) {
    const name = set.startsWith('bbc') ? 'bbc' : set;
    const dir = join(values.datasets as string, name);
    const { engine } = await openCachedIndex(name, join(dir, 'corpus.jsonl'), 'q8', false);
    for (const q of questionsOf(set, dir)) {
      const r = await engine.search({ query: q.text, k: 100, highlights: false });
      const first = r.hits[0];
      if (!first) continue;
      const f = cardEvidence(r.hits)[0];
      const article = await engine.getArticle(first.articleId);
      if (!f || !article) continue;
      const l = labelEvidence(f, article, parseQuery(q.text));
      out.push({
        set,
        id: q.id,
        x: LABEL_FEATURE_NAMES.map((n) => l[n]),
        y: q.relevant(bareId(first.articleId)) ? 1 : 0,
        before: r.match,
      });
    }
    await engine.close();
    console.error(`${set}: ${out.filter((e) => e.set === set).length} questions`);
  }
  return out;
}

const evidence: Evidence[] =
  values.reuse && existsSync(SAMPLES) ? JSON.parse(readFileSync(SAMPLES, 'utf8')) : await collect();
mkdirSync('bench-out', { recursive: true });
writeFileSync(SAMPLES, JSON.stringify(evidence));
const sets = [...new Set(evidence.map((e) => e.set))];

/** Samples weighted so that each set counts the same, with the first `columns` features. */
function samples(of: readonly Evidence[], columns: number): Sample[] {
  return of.map((e) => ({
    x: e.x.slice(0, columns),
    y: e.y,
    w: 100 / of.filter((o) => o.set === e.set).length,
  }));
}
const right = (p: number, y: 0 | 1) => (p >= GOOD_CONFIDENCE ? 1 : 0) === y;
const pct = (x: number) => x.toFixed(3);

/**
 * Fits a model over the first `names.length` features on all five sets, and reports it left
 * out set by set and its reliability: the cards' model (the best passage's evidence) and the
 * label's (the first card's, with its whole article's share of the question's words).
 */
function report(title: string, names: readonly string[]) {
  const n = names.length;
  const all = fitLogistic(samples(evidence, n));
  console.log(`\n${title}, fitted on all five: bias ${all[0]?.toFixed(2)}`);
  names.forEach((name, i) => {
    console.log(`  ${name}: ${all[i + 1]?.toFixed(2)}`);
  });
  console.log('\nlabel right (good exactly when the first card is relevant), per set:');
  console.log('set          questions  relevant  before  left out  fitted on all');
  let sumBefore = 0;
  let sumOut = 0;
  for (const set of sets) {
    const mine = evidence.filter((e) => e.set === set);
    const beta = fitLogistic(
      samples(
        evidence.filter((e) => e.set !== set),
        n,
      ),
    );
    const before = mine.filter((e) => (e.before === 'good' ? 1 : 0) === e.y).length / mine.length;
    const out = mine.filter((e) => right(predict(beta, e.x.slice(0, n)), e.y)).length / mine.length;
    const fit = mine.filter((e) => right(predict(all, e.x.slice(0, n)), e.y)).length / mine.length;
    sumBefore += before;
    sumOut += out;
    console.log(
      `${set.padEnd(12)} ${String(mine.length).padStart(9)} ${pct(mine.filter((e) => e.y).length / mine.length).padStart(9)} ${pct(before).padStart(7)} ${pct(out).padStart(9)} ${pct(fit).padStart(14)}`,
    );
  }
  console.log(
    `${'mean'.padEnd(32)} ${pct(sumBefore / sets.length).padStart(7)} ${pct(sumOut / sets.length).padStart(9)}`,
  );
  console.log('\nreliability (left-out predictions, all sets pooled):');
  console.log('stated      questions  mean stated  share relevant');
  const pooled = sets.flatMap((set) => {
    const beta = fitLogistic(
      samples(
        evidence.filter((e) => e.set !== set),
        n,
      ),
    );
    return evidence.filter((e) => e.set === set).map((e) => ({ p: predict(beta, e.x.slice(0, n)), y: e.y }));
  });
  for (const [lo, hi] of [
    [0, NONE_CONFIDENCE],
    [NONE_CONFIDENCE, 0.35],
    [0.35, GOOD_CONFIDENCE],
    [GOOD_CONFIDENCE, 0.65],
    [0.65, 0.8],
    [0.8, 1.01],
  ] as const) {
    const bin = pooled.filter((s) => s.p >= lo && s.p < hi);
    if (bin.length === 0) continue;
    const mean = bin.reduce((s, b) => s + b.p, 0) / bin.length;
    const share = bin.filter((b) => b.y).length / bin.length;
    console.log(
      `${`${lo.toFixed(2)}–${Math.min(hi, 1).toFixed(2)}`.padEnd(11)} ${String(bin.length).padStart(9)} ${pct(mean).padStart(12)} ${pct(share).padStart(15)}`,
    );
  }
}

report('cards (CONFIDENCE_MODEL)', FEATURE_NAMES);
report('label (LABEL_MODEL)', LABEL_FEATURE_NAMES);
