/**
 * What a search answers, saved and compared: for a change meant to leave answers alone (a
 * cheaper search), the result pages and hit lists of a set of questions on the cached
 * evaluation indexes, before and after.
 *
 *   npx tsx bench/answers-snapshot.ts --save FILE      (on the code before the change)
 *   npx tsx bench/answers-snapshot.ts --compare FILE   (on the code after it: exit 1 on a difference)
 *
 * The questions: the BBC reader and speech questions, and the first 100 of SciFact, time-dev
 * and Cranfield. Each gets `results` (a first page with explain and facets, as `ask --json
 * --explain` and the API give it; a second page) and `search` (k = 10, highlights on). Timings
 * are left out; everything else must match exactly. The indexes are the ones `npm run eval`
 * and `npm run eval:answers` cache in .cache/eval (build them with those first).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createSearchEngine } from '../src/index.js';
import { DEFAULT_DATASETS, ROOT, readJsonl } from './lib.js';

const { values } = parseArgs({
  options: {
    save: { type: 'string' },
    compare: { type: 'string' },
    datasets: { type: 'string', default: DEFAULT_DATASETS },
    questions: { type: 'string', default: '100' },
  },
});
if (!values.save === !values.compare) throw new Error('Give --save FILE or --compare FILE.');
const perSet = Number(values.questions);
const datasets = values.datasets as string;

/** Index folder → its questions. */
const sets: Array<{ index: string; questions: string[] }> = [
  {
    index: 'bbc-q8',
    questions: ['news_questions.jsonl', 'speech_questions.jsonl'].flatMap((f) =>
      readJsonl(join(datasets, 'bbc', f)).map((q) => String(q.q)),
    ),
  },
  ...['scifact', 'time-dev', 'cranfield'].map((name) => ({
    index: `${name}-q8`,
    questions: readJsonl(join(datasets, name, 'queries.jsonl'))
      .slice(0, perSet)
      .map((q) => String(q.text)),
  })),
];

/** A response without its timings (the only part that may differ between runs). */
function stable(response: { timings?: unknown }): unknown {
  const { timings: _, ...rest } = response;
  return rest;
}

const out: string[] = [];
for (const { index, questions } of sets) {
  const indexDir = join(ROOT, '.cache', 'eval', index);
  if (!existsSync(indexDir))
    throw new Error(`${indexDir} is missing: run npm run eval / eval:answers first.`);
  const engine = await createSearchEngine({ indexDir, logLevel: 'error', mustExist: true });
  try {
    for (const query of questions) {
      const first = await engine.results({
        query,
        explain: true,
        facets: ['source', 'year', 'place', 'collection'],
      });
      const second = await engine.results({ query, offset: 10 });
      const hits = await engine.search({ query, k: 10 });
      out.push(
        JSON.stringify({ index, query, first: stable(first), second: stable(second), hits: stable(hits) }),
      );
    }
  } finally {
    await engine.close();
  }
}

if (values.save) {
  writeFileSync(values.save, `${out.join('\n')}\n`);
  console.log(`${out.length} questions' answers saved to ${values.save}`);
} else {
  const saved = readFileSync(values.compare as string, 'utf8')
    .trim()
    .split('\n');
  let differ = 0;
  out.forEach((line, i) => {
    if (line === saved[i]) return;
    differ++;
    if (differ <= 5) {
      const { index, query } = JSON.parse(line) as { index: string; query: string };
      console.log(`differs: ${index} "${query}"`);
    }
  });
  if (saved.length !== out.length) console.log(`${saved.length} saved, ${out.length} now`);
  console.log(`${out.length - differ} of ${out.length} questions answered identically`);
  if (differ > 0 || saved.length !== out.length) process.exitCode = 1;
}
