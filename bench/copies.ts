/**
 * `npm run eval:copies`: copies in what a reader sees, over the BBC corpus and its judged reader
 * questions at ten cards: cards that repeat an exact copy or a near copy (over half their
 * five-word shingles shared) of a card above, and article nDCG@10 with a story scored once, by
 * its best copy; each with one card per story (the default) and with every copy (--all).
 *
 *   npm run eval:copies -- --index DIR [--datasets DIR] [--verbose]
 *
 * DIR is a BBC index (copy the evaluation cache's: cp -r .cache/eval/bbc-q8 /tmp/bbc); opening it
 * upgrades it to the current schema.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCopyFinder, normalizedWords, SHINGLE_WORDS, sketchOf, textHash } from '../src/copies/index.js';
import { createFakeEmbedder } from '../src/embed/index.js';
import { createSearchEngine, type SearchEngine } from '../src/index.js';
import type { ResultCard } from '../src/results/index.js';
import { DEFAULT_DATASETS, readJsonl } from './lib.js';

const { values } = parseArgs({
  options: {
    datasets: { type: 'string', default: DEFAULT_DATASETS },
    index: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});
if (!values.index) {
  console.error('eval:copies: pass --index DIR (a copy of a BBC index)');
  process.exit(1);
}
const dir = join(values.datasets as string, 'bbc');

const corpus = readJsonl<{ id: string; title: string; text: string }>(join(dir, 'corpus.jsonl'));
const questions = readJsonl<{ id: string; q: string; articles: Record<string, number>; answerable: boolean }>(
  join(dir, 'news_questions.jsonl'),
);

/** Fingerprints of every article, and stories as ingest would form them (in corpus order). */
const hashOf = new Map<string, string>();
const shingles = new Map<string, Set<string>>();
const storyOf = new Map<string, string>();
const finder = createCopyFinder();
for (const a of corpus) {
  const words = normalizedWords(`${a.title}\n${a.text}`);
  const set = new Set<string>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++)
    set.add(words.slice(i, i + SHINGLE_WORDS).join(' '));
  shingles.set(a.id, set);
  const hash = textHash(a.title, a.text);
  const sketch = sketchOf(a.title, a.text);
  hashOf.set(a.id, hash);
  const story = finder.find(a.id, hash, sketch)?.story ?? a.id;
  finder.add(a.id, { story, textHash: hash, sketch });
  storyOf.set(a.id, story);
}

/** Shingles shared over those of the union (Jaccard) and of the smaller article (containment). */
function overlap(a: string, b: string): { jaccard: number; contained: number } {
  const x = shingles.get(a) ?? new Set();
  const y = shingles.get(b) ?? new Set();
  let both = 0;
  for (const s of x) if (y.has(s)) both++;
  const union = x.size + y.size - both;
  const smaller = Math.min(x.size, y.size);
  return { jaccard: union === 0 ? 0 : both / union, contained: smaller === 0 ? 0 : both / smaller };
}

/**
 * Cards repeating an exact copy, or a near copy (not exact, over half the shingles shared: by
 * Jaccard, and more loosely, of the smaller article) of a card above.
 */
function repeats(cards: readonly ResultCard[]): { exact: number; near: number; nearLoose: number } {
  let exact = 0;
  let near = 0;
  let nearLoose = 0;
  for (const [i, card] of cards.entries()) {
    const above = cards.slice(0, i).map((c) => c.articleId);
    if (above.some((id) => hashOf.get(id) === hashOf.get(card.articleId))) {
      exact++;
      continue;
    }
    const o = above.map((id) => overlap(id, card.articleId));
    if (o.some((x) => x.jaccard > 0.5)) near++;
    if (o.some((x) => x.contained > 0.5)) nearLoose++;
  }
  return { exact, near, nearLoose };
}

/** nDCG@10 over stories: a card gains its story's best grade, once; later copies gain nothing. */
function storyNdcg(cards: readonly ResultCard[], grades: Record<string, number>): number {
  const best = new Map<string, number>();
  for (const [id, g] of Object.entries(grades)) {
    const s = storyOf.get(id) ?? id;
    best.set(s, Math.max(best.get(s) ?? 0, g));
  }
  const seen = new Set<string>();
  let dcg = 0;
  cards.slice(0, 10).forEach((card, i) => {
    const s = storyOf.get(card.articleId) ?? card.articleId;
    if (seen.has(s)) return;
    seen.add(s);
    dcg += (2 ** (best.get(s) ?? 0) - 1) / Math.log2(i + 2);
  });
  const ideal = [...best.values()]
    .sort((a, b) => b - a)
    .slice(0, 10)
    .reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

/** Plain article nDCG@10: every judged article (copies too) counted on its own. */
function articleNdcg(cards: readonly ResultCard[], grades: Record<string, number>): number {
  const dcg = cards
    .slice(0, 10)
    .reduce((sum, c, i) => sum + (2 ** (grades[c.articleId] ?? 0) - 1) / Math.log2(i + 2), 0);
  const ideal = Object.values(grades)
    .sort((a, b) => b - a)
    .slice(0, 10)
    .reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

async function measure(engine: SearchEngine, collapse: boolean) {
  let exact = 0;
  let near = 0;
  let nearLoose = 0;
  let questionsWithRepeat = 0;
  const ndcg: number[] = [];
  const plain: number[] = [];
  let ms = 0;
  for (const q of questions) {
    const started = performance.now();
    const r = await engine.results({ query: q.q, limit: 10, collapse });
    ms += performance.now() - started;
    const rep = repeats(r.cards);
    exact += rep.exact;
    near += rep.near;
    nearLoose += rep.nearLoose;
    if (rep.exact + rep.near > 0) questionsWithRepeat++;
    if (q.answerable) ndcg.push(storyNdcg(r.cards, q.articles));
    if (q.answerable) plain.push(articleNdcg(r.cards, q.articles));
    if (values.verbose && rep.exact + rep.near > 0) {
      console.log(`  ${q.id} ${rep.exact} exact, ${rep.near} near  ${q.q}`);
    }
  }
  const mean = ndcg.reduce((s, x) => s + x, 0) / ndcg.length;
  const meanPlain = plain.reduce((s, x) => s + x, 0) / plain.length;
  console.log(
    `${collapse ? 'one card per story' : 'every copy       '}  repeats: ${exact} exact, ${near} near (${nearLoose} sharing over half of the smaller's shingles; ${questionsWithRepeat} of ${questions.length} questions)  story nDCG@10 ${mean.toFixed(4)} (every article on its own: ${meanPlain.toFixed(4)}); ${(ms / questions.length).toFixed(0)} ms a question`,
  );
}

const stories = new Set(storyOf.values()).size;
const exactCopies = corpus.filter(
  (a, i) => corpus.findIndex((b) => hashOf.get(b.id) === hashOf.get(a.id)) < i,
);
console.log(
  `bbc: ${corpus.length} articles, ${stories} stories (${exactCopies.length} exact copies, ${corpus.length - stories - exactCopies.length} near copies)`,
);
// The ingest's own count, and what it embeds: the corpus into an empty index with the fake
// embedder (the copy checks are the same; only the vectors are not the model's).
const scratch = mkdtempSync(join(tmpdir(), 'semsearch-copies-'));
const fake = createFakeEmbedder();
const built = await createSearchEngine({ indexDir: scratch, embedder: fake, logLevel: 'error' });
const summary = await built.ingestPaths([join(dir, 'corpus.jsonl')]);
const exactIds = new Set(exactCopies.map((a) => a.id));
let exactPassages = 0;
for (const id of exactIds) exactPassages += (await built.getArticle(id))?.passageCount ?? 0;
console.log(
  `ingest: ${summary.copiesExact} exact copies, ${summary.copiesNear} near copies; ${summary.passagesEmbedded} passages embedded, ${summary.passagesReused} reused (the exact copies hold ${exactPassages}); model calls ${fake.calls}`,
);
await built.close();
rmSync(scratch, { recursive: true, force: true });

const engine = await createSearchEngine({ indexDir: values.index, dtype: 'q8', logLevel: 'error' });
// Twice each, alternating, so that neither side always runs on a warmer process.
await measure(engine, false);
await measure(engine, true);
await measure(engine, false);
await measure(engine, true);
await engine.close();
