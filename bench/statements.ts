/**
 * `npx tsx bench/statements.ts`: the statement extractor measured. Precision and recall per
 * source on the hand-annotated fixture (test/fixtures/statements), how many of the judged
 * speech-question answers (`bbc/speech_questions.jsonl`, grade 2) lie inside a statement of the
 * right speaker, and extraction time over the whole BBC corpus.
 *
 *   npx tsx bench/statements.ts [--datasets DIR] [--errors]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { extractStatements, matchSpeaker, type Statement } from '../src/statements/index.js';
import { loadFixture } from '../test/statements/fixture.js';
import { pool, type Score, scoreArticle } from '../test/statements/score.js';
import { DEFAULT_DATASETS } from './lib.js';

const { values } = parseArgs({
  options: {
    datasets: { type: 'string', default: DEFAULT_DATASETS },
    errors: { type: 'boolean', default: false },
  },
});
const datasets = values.datasets as string;

function line(label: string, s: Score): string {
  return `${label.padEnd(10)} precision ${s.precision.toFixed(3)} (${s.correct}/${s.extracted})  recall ${s.recall.toFixed(3)} (${s.found}/${s.annotated})`;
}

// 1. The fixture.
const { articles, skipped } = loadFixture();
const bySource = new Map<string, Score[]>();
for (const article of articles) {
  const score = scoreArticle(article, extractStatements({ title: '', text: article.text }));
  bySource.set(article.source, [...(bySource.get(article.source) ?? []), score]);
}
console.log(`fixture: ${articles.length} articles${skipped.length > 0 ? `, ${skipped.length} skipped` : ''}`);
for (const [source, scores] of bySource) console.log(line(source, pool(scores)));
const all = pool([...bySource.values()].flat());
console.log(line('all', all));
if (values.errors) for (const e of all.errors) console.log(`  ${e}`);

// 2. Speed over the BBC corpus, and the judged answers found inside statements.
const corpus = readFileSync(join(datasets, 'bbc', 'corpus.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim().length > 0)
  .map((l) => JSON.parse(l) as { id: string; text: string });
const statements = new Map<string, Statement[]>();
extractStatements({ text: corpus[0]?.text ?? '' }); // warm-up
const started = performance.now();
for (const article of corpus)
  statements.set(article.id, extractStatements({ title: '', text: article.text }));
const ms = performance.now() - started;
const count = [...statements.values()].reduce((n, s) => n + s.length, 0);
console.log(
  `\nBBC corpus: ${corpus.length} articles, ${count} statements (${(count / corpus.length).toFixed(1)} per article), ` +
    `${ms.toFixed(0)} ms: ${(ms / corpus.length).toFixed(2)} ms per article`,
);

interface SpeechQuestion {
  speaker: string;
  rel: Record<string, number>;
  articles: string[];
  answerable: boolean;
}
const questions = readFileSync(join(datasets, 'bbc', 'speech_questions.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim().length > 0)
  .map((l) => JSON.parse(l) as SpeechQuestion);
let answers = 0;
let inside = 0;
for (const q of questions.filter((x) => x.answerable)) {
  for (const [words, grade] of Object.entries(q.rel)) {
    if (grade < 2) continue;
    answers++;
    const hit = q.articles.some((id) => {
      const text = corpus.find((a) => a.id === id)?.text ?? '';
      const at = text.indexOf(words);
      if (at < 0) return false;
      return (statements.get(id) ?? []).some(
        (s) =>
          matchSpeaker(q.speaker, [s.speaker]).length > 0 &&
          Math.min(s.end, at + words.length) - Math.max(s.start, at) >= words.length / 2,
      );
    });
    if (hit) inside++;
  }
}
console.log(`speech questions: ${inside}/${answers} grade-2 answers lie in a statement of the right speaker`);
