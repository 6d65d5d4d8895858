/**
 * `npm run eval:answers`: what a reader sees, over the BBC corpus and its two judged question
 * sets (scored as their SOURCE.md says): for reader questions, article nDCG@10 (and over
 * stories: a card gains its story's best judged copy, once), the answer in
 * the first card's snippets (answer@1) or the first three's (answer@3) and a truthful label;
 * for "what did X say about Y", passage nDCG@5 of the speaker's words, distractors in the top
 * three and a truthful label. The index is built once into .cache/eval/bbc-<dtype>.
 *
 *   npm run eval:answers -- [--datasets DIR] [--dtype q8|fp32] [--only news|speech] [--verbose] [--why] [--json FILE]
 *
 * --why: for each speech question, the units shown and every marked substring missed, with what
 * extraction made of it (bench/speech-why.ts).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LIST_LIMIT_MAX } from '../src/backends/store-listing.js';
import {
  bareId,
  type NewsQuestion,
  type NewsScore,
  type ShownAnswer,
  type SpeechQuestion,
  type SpeechScore,
  scoreNews,
  scoreSpeech,
} from '../src/evaluation/index.js';
import type { SearchEngine } from '../src/index.js';
import { openCachedIndex } from './indexes.js';
import { DEFAULT_DATASETS, readJsonl } from './lib.js';
import { explainSpeech } from './speech-why.js';

const { values } = parseArgs({
  options: {
    datasets: { type: 'string', default: DEFAULT_DATASETS },
    dtype: { type: 'string', default: 'q8' },
    only: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    why: { type: 'boolean', default: false },
    json: { type: 'string', default: 'bench-out/answers.json' },
  },
});
const dir = join(values.datasets as string, 'bbc');
const dtype = values.dtype === 'fp32' ? 'fp32' : 'q8';
const wanted = (set: string) => !values.only || values.only.split(',').includes(set);

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
const share = (xs: readonly boolean[]) => mean(xs.map((x) => (x ? 1 : 0)));

async function shown(engine: SearchEngine, q: string, limit: number) {
  const r = await engine.results({ query: q, limit });
  const answer: ShownAnswer = {
    match: r.match,
    cards: r.cards.map((c) => ({ articleId: c.articleId, snippets: c.snippets.map((s) => s.text) })),
  };
  return { r, answer };
}

/** Every article's story (bare ids): copies share one. */
async function stories(engine: SearchEngine): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let offset = 0; ; offset += LIST_LIMIT_MAX) {
    const { articles } = await engine.listArticles({ offset, limit: LIST_LIMIT_MAX });
    for (const a of articles) out.set(bareId(a.id), bareId(a.story));
    if (articles.length < LIST_LIMIT_MAX) return out;
  }
}

async function news(engine: SearchEngine): Promise<NewsScore[]> {
  const out: NewsScore[] = [];
  const storyOf = await stories(engine);
  for (const q of readJsonl<NewsQuestion>(join(dir, 'news_questions.jsonl'))) {
    const { answer } = await shown(engine, q.q, 10);
    const s = scoreNews(q, answer, storyOf);
    out.push(s);
    if (values.verbose) {
      const flag = (b: boolean) => (b ? 'y' : '-');
      console.log(
        `${q.id} ${flag(s.answerAt1)}${flag(s.answerAt3)} label ${answer.match.padEnd(4)} ${s.labelRight ? 'right' : 'WRONG'} nDCG ${s.ndcg10.toFixed(2)} (stories ${(s.storyNdcg10 ?? 0).toFixed(2)})  ${q.q}`,
      );
      if (values.verbose && q.answerable && !s.answerAt1)
        console.log(`     first: ${answer.cards[0]?.snippets[0] ?? ''}`);
    }
  }
  const answerable = out.filter((s) => s.answerable);
  console.log(
    `bbc news    ${out.length} questions: nDCG@10 ${mean(answerable.map((s) => s.ndcg10)).toFixed(3)} (stories ${mean(answerable.map((s) => s.storyNdcg10 ?? 0)).toFixed(3)})  answer@1 ${share(answerable.map((s) => s.answerAt1)).toFixed(3)}  answer@3 ${share(answerable.map((s) => s.answerAt3)).toFixed(3)}  label right ${share(out.map((s) => s.labelRight)).toFixed(3)}`,
  );
  return out;
}

let corpus: Map<string, string> | undefined;
function corpusTexts(): Map<string, string> {
  corpus ??= new Map(
    readJsonl<{ id: string; text: string }>(join(dir, 'corpus.jsonl')).map((a) => [a.id, a.text]),
  );
  return corpus;
}

async function speech(engine: SearchEngine): Promise<SpeechScore[]> {
  const out: SpeechScore[] = [];
  for (const q of readJsonl<SpeechQuestion>(join(dir, 'speech_questions.jsonl'))) {
    const { r, answer } = await shown(engine, q.q, 5);
    const statements = r.statements ?? [];
    const units = [...statements.map((s) => s.text), ...r.hits.map((h) => h.text)];
    // The first result is the first statement where the answer leads with them.
    const first = statements.map((s) => ({ articleId: s.articleId, snippets: [s.text] }));
    const s = scoreSpeech(q, units, { ...answer, cards: [...first, ...answer.cards] });
    out.push(s);
    if (values.verbose || values.why) {
      console.log(
        `${q.id} nDCG@5 ${s.ndcg5.toFixed(2)} distractors ${s.distractorsAt3.toFixed(2)} label ${answer.match.padEnd(4)} ${s.labelRight ? 'right' : 'WRONG'}  ${q.q}  [${r.speaker ? `${r.speaker.matched.join(', ') || 'no speaker'}; ${statements.length} statements` : 'not a speech question'}]`,
      );
      if (!values.why)
        for (const st of statements.slice(0, 3))
          console.log(`     ${st.relevance.toFixed(2)} ${st.speaker}: ${st.text.slice(0, 110)}`);
    }
    if (values.why) explainSpeech(q, { units, statements }, corpusTexts());
  }
  const answerable = out.filter((s) => s.answerable);
  console.log(
    `bbc speech  ${out.length} questions: nDCG@5 ${mean(answerable.map((s) => s.ndcg5)).toFixed(3)}  distractors@3 ${mean(answerable.map((s) => s.distractorsAt3)).toFixed(3)}  label right ${share(out.map((s) => s.labelRight)).toFixed(3)}`,
  );
  return out;
}

if (!existsSync(join(dir, 'corpus.jsonl'))) {
  console.error(`eval:answers: ${dir}/corpus.jsonl not found; pass --datasets DIR`);
  process.exit(1);
}
const { engine } = await openCachedIndex('bbc', join(dir, 'corpus.jsonl'), dtype);
const report: { dtype: string; news?: NewsScore[]; speech?: SpeechScore[] } = { dtype };
if (wanted('news')) report.news = await news(engine);
if (wanted('speech')) report.speech = await speech(engine);
await engine.close();
mkdirSync(resolve(values.json as string, '..'), { recursive: true });
writeFileSync(values.json as string, JSON.stringify(report, null, 2));
console.log(`wrote ${values.json}`);
