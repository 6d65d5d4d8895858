/**
 * CPU per result page in one process, this code against another revision's, interleaved: the
 * machine is shared, and absolute figures move two- to fourfold between runs, so a change to
 * the search path is measured as a ratio of two engines taking turns on the same questions.
 *
 *   git worktree add /tmp/before <revision>   (or: git archive <revision> src | tar -x -C /tmp/before)
 *   npx tsx bench/results-cpu.ts --before /tmp/before [--rounds 3] [--questions 150] [--cached]
 *
 * Each engine opens the cached SciFact and BBC evaluation indexes (.cache/eval, built by `npm run
 * eval` and `npm run eval:answers`) with the query cache off, as the load bench's server runs, so
 * every page embeds its question; `--cached` keeps each engine's query cache and asks every
 * question once first, leaving what a page costs besides its embedding. A round asks each block
 * of questions of the engine in turn, the first engine alternating, and counts the process's CPU
 * (all threads: the model's too) over each block with process.cpuUsage.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SearchEngine } from '../src/index.js';
import { DEFAULT_DATASETS, fmt, ROOT, readJsonl, table } from './lib.js';

const { values } = parseArgs({
  options: {
    before: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    questions: { type: 'string', default: '150' },
    block: { type: 'string', default: '25' },
    cached: { type: 'boolean', default: false },
    datasets: { type: 'string', default: DEFAULT_DATASETS },
  },
});
if (!values.before) throw new Error('Give --before DIR: a checkout of the revision to compare with.');
const rounds = Number(values.rounds);
const perSet = Number(values.questions);
const block = Number(values.block);
const datasets = values.datasets as string;

const sets = [
  {
    name: 'SciFact',
    index: 'scifact-q8',
    questions: readJsonl(join(datasets, 'scifact', 'queries.jsonl'))
      .slice(0, perSet)
      .map((q) => String(q.text)),
  },
  {
    name: 'BBC',
    index: 'bbc-q8',
    questions: ['news_questions.jsonl', 'speech_questions.jsonl'].flatMap((f) =>
      readJsonl(join(datasets, 'bbc', f)).map((q) => String(q.q)),
    ),
  },
];

type Open = (options: Record<string, unknown>) => Promise<SearchEngine>;
async function opener(srcRoot: string): Promise<Open> {
  const entry = join(srcRoot, 'src', 'index.ts');
  if (!existsSync(entry)) throw new Error(`${entry} is missing`);
  const mod = (await import(entry)) as { createSearchEngine: Open };
  return mod.createSearchEngine;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const versions = [
  { name: 'before', open: await opener(resolve(values.before)) },
  { name: 'after', open: await opener(ROOT) },
];
const rows: Array<Array<string | number>> = [];
for (const set of sets) {
  const indexDir = join(ROOT, '.cache', 'eval', set.index);
  const engines: SearchEngine[] = [];
  for (const v of versions) {
    const engine = await v.open({
      indexDir,
      logLevel: 'error',
      mustExist: true,
      queryCacheSize: values.cached ? 10_000 : 0,
    });
    await engine.warmUp();
    const warm = values.cached ? set.questions : set.questions.slice(0, 10);
    for (const query of warm) await engine.results({ query });
    engines.push(engine);
  }
  const spent = versions.map(() => 0);
  const perRound: number[] = [];
  let pages = 0;
  for (let r = 0; r < rounds; r++) {
    const roundSpent = versions.map(() => 0);
    for (let b = 0; b < set.questions.length; b += block) {
      const questions = set.questions.slice(b, b + block);
      const order = (r + b / block) % 2 === 0 ? [0, 1] : [1, 0];
      for (const i of order) {
        const engine = engines[i] as SearchEngine;
        const t = cpuMs();
        for (const query of questions) await engine.results({ query });
        roundSpent[i] = (roundSpent[i] as number) + cpuMs() - t;
      }
    }
    pages += set.questions.length;
    roundSpent.forEach((ms, i) => {
      spent[i] = (spent[i] as number) + ms;
    });
    perRound.push((roundSpent[1] as number) / (roundSpent[0] as number));
  }
  for (const engine of engines) await engine.close();
  const [before, after] = spent.map((ms) => ms / pages) as [number, number];
  rows.push([
    set.name,
    set.questions.length,
    rounds,
    fmt(before, 2),
    fmt(after, 2),
    fmt(after / before, 3),
    perRound.map((x) => fmt(x, 3)).join(' / '),
  ]);
}
table(
  `CPU ms per result page in one process, interleaved${values.cached ? ', every embedding cached' : ', query cache off'}`,
  ['questions', 'count', 'rounds', 'before', 'after', 'after / before', 'each round'],
  rows,
);
