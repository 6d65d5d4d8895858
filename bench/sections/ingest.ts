/**
 * Ingest throughput on the State of the Union corpus against the raw forward pass on the same
 * passages and batches, what finding copies adds to it (this corpus has none), and what
 * extracting and storing statements adds: the same rounds ingested into a second index without
 * statements, interleaved.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openEmbeddedBackend } from '../../src/backends/embedded/index.js';
import { chunkArticle } from '../../src/chunk/index.js';
import { createCopyFinder, embeddingKey, sketchOf, textHash } from '../../src/copies/index.js';
import { createTransformersEmbedder } from '../../src/embed/index.js';
import { type Article, createSearchEngine, recordToArticle } from '../../src/index.js';
import { embeddingText, INGEST_FLUSH_PASSAGES, readStatements } from '../../src/ingest/index.js';
import { fmt, peakRssMiB, ROOT, table, timed } from '../lib.js';
import { type BenchContext, readJsonl } from './context.js';
import { rawForwardMs } from './embed.js';

// Six rounds of about a sixth of the passages each, the raw forward pass and the ingest of the
// same round back to back, in alternating order, so that the machine's drift over the minutes
// of the run (raw alone moved 62-67 passages/s between runs on this 2-core machine) falls on
// both sides of the ratio.
export async function ingestSection(ctx: BenchContext): Promise<void> {
  const limit = ctx.full ? Number.POSITIVE_INFINITY : 3000;
  const ROUNDS = 6;
  const embedder = await createTransformersEmbedder({ cacheDir: ctx.cacheDir, dtype: 'q8' });
  const chunker = { maxTokens: 200, overlapSentences: 1, titlePrefix: true };
  const slice: Array<{ article: Article; texts: string[] }> = [];
  let passages = 0;
  for (const [i, r] of readJsonl(join(ctx.datasets, 'sotu', 'corpus.jsonl')).entries()) {
    if (passages >= limit) break;
    const full = recordToArticle(r, `sotu-${i}`, 'sotu');
    let drafts = chunkArticle(full, { maxTokens: chunker.maxTokens, counter: embedder });
    let article = full;
    if (passages + drafts.length > limit) {
      // Cut the last speech at a passage boundary so the slice is exactly `limit` passages.
      const keep = drafts.slice(0, limit - passages);
      const end = keep.at(-1)?.end ?? 0;
      article = {
        ...full,
        text: full.text.slice(0, end),
        paragraphs: full.paragraphs
          .map((p) => ({ ...p, end: Math.min(p.end, end) }))
          .filter((p) => p.start < end),
      };
      drafts = chunkArticle(article, { maxTokens: chunker.maxTokens, counter: embedder });
    }
    passages += drafts.length;
    slice.push({ article, texts: drafts.map((d) => embeddingText(article.title, d, chunker)) });
  }
  // Rounds of whole articles, each grouped as the ingest runner flushes (a round's ingest
  // starts with nothing pending).
  const perRound = Math.ceil(passages / ROUNDS);
  const rounds: Array<{ articles: Article[]; groups: string[][] }> = [];
  let round = { articles: [] as Article[], groups: [] as string[][] };
  let pending: string[] = [];
  let inRound = 0;
  for (const { article, texts } of slice) {
    round.articles.push(article);
    pending.push(...texts);
    inRound += texts.length;
    if (pending.length >= INGEST_FLUSH_PASSAGES) {
      round.groups.push(pending);
      pending = [];
    }
    if (inRound >= perRound) {
      if (pending.length > 0) round.groups.push(pending);
      rounds.push(round);
      round = { articles: [], groups: [] };
      pending = [];
      inRound = 0;
    }
  }
  if (pending.length > 0) round.groups.push(pending);
  if (round.articles.length > 0) rounds.push(round);
  const articles = slice.map((x) => x.article);
  await embedder.embedPassages(rounds[0]?.groups[0]?.slice(0, 32) ?? []); // warm-up
  const tmp = join(ROOT, '.cache', 'bench-ingest');
  rmSync(tmp, { recursive: true, force: true });
  const plainDir = `${tmp}-without-statements`;
  rmSync(plainDir, { recursive: true, force: true });
  const engine = await createSearchEngine({ indexDir: tmp, logLevel: 'error' });
  const plain = await createSearchEngine({ indexDir: plainDir, logLevel: 'error' });
  await engine.warmUp();
  await plain.warmUp();
  let raw = 0;
  let ingestMs = 0;
  let plainMs = 0;
  let embedded = 0;
  const perRoundEfficiency: number[] = [];
  const perRoundStatements: number[] = [];
  for (const [i, r] of rounds.entries()) {
    // Every other round the order turns round, so that no side always runs on a machine just
    // warmed (or just slowed) by another.
    let rawMs = 0;
    let without = 0;
    if (i % 2 === 0) rawMs = await rawForwardMs(embedder, r.groups, 32);
    else without = (await timed(() => plain.ingestArticles(r.articles, { statements: false }))).ms;
    const ingest = await timed(() => engine.ingestArticles(r.articles));
    if (i % 2 === 1) rawMs = await rawForwardMs(embedder, r.groups, 32);
    else without = (await timed(() => plain.ingestArticles(r.articles, { statements: false }))).ms;
    raw += rawMs;
    ingestMs += ingest.ms;
    plainMs += without;
    embedded += ingest.value.passagesEmbedded;
    perRoundEfficiency.push(rawMs / ingest.ms);
    perRoundStatements.push(ingest.ms / without - 1);
  }
  await embedder.dispose();
  await engine.close();
  await plain.close();
  rmSync(plainDir, { recursive: true, force: true });
  // The extraction alone, on the same articles: the part of the difference that is not noise.
  const extractMs = (await timed(async () => articles.map((a) => readStatements(a)))).ms;
  const statementsCount = articles.reduce((n, a) => n + readStatements(a).statements.length, 0);
  const copyMs = await copyWorkMs(tmp, slice, rounds);
  const words = articles.reduce((n, a) => n + (a.text.match(/\S+/g)?.length ?? 0), 0);
  rmSync(tmp, { recursive: true, force: true });
  const e2e = embedded / (ingestMs / 1000);
  const rawPps = passages / (raw / 1000);
  table(
    `Ingest throughput (State of the Union, ${ctx.full ? 'whole corpus' : `first ${passages} passages`}, q8, ${rounds.length} rounds of raw and ingest)`,
    [
      'articles',
      'words',
      'passages',
      'end-to-end p/s',
      'raw ORT p/s',
      'efficiency',
      'per round',
      'copy checks',
      'peak RSS MiB',
    ],
    [
      [
        articles.length,
        words,
        passages,
        fmt(e2e),
        fmt(rawPps),
        fmt(raw / ingestMs, 3),
        perRoundEfficiency.map((x) => fmt(x, 3)).join(' / '),
        `${fmt((100 * copyMs) / ingestMs, 2)}%`,
        fmt(peakRssMiB(), 0),
      ],
    ],
  );
  table(
    'Ingest with statements against without (same rounds into two indexes, interleaved)',
    ['statements', 'with s', 'without s', 'more time', 'per round', 'extraction alone'],
    [
      [
        statementsCount,
        fmt(ingestMs / 1000),
        fmt(plainMs / 1000),
        `${fmt((100 * (ingestMs - plainMs)) / plainMs, 2)}%`,
        perRoundStatements.map((x) => `${fmt(100 * x, 1)}%`).join(' / '),
        `${fmt(extractMs)} ms = ${fmt((100 * extractMs) / plainMs, 2)}%`,
      ],
    ],
  );
  ctx.report.ingest = {
    articles: articles.length,
    words,
    passages,
    endToEndPerSecond: e2e,
    rawPerSecond: rawPps,
    efficiency: raw / ingestMs,
    perRoundEfficiency,
    copyChecksShare: copyMs / ingestMs,
    statements: statementsCount,
    withoutStatementsMs: plainMs,
    statementsExtraTime: (ingestMs - plainMs) / plainMs,
    perRoundStatementsExtraTime: perRoundStatements,
    extractionMs: extractMs,
    peakRssMiB: peakRssMiB(),
  };
}

/**
 * The work the ingest does to find copies, timed alone on the same articles after the ingest:
 * fingerprints and the finder for every article, keys for every embedded text, and one stored
 * vector lookup per flush (every key is stored by then, so each lookup finds its rows: no
 * cheaper than at ingest, where a corpus without copies finds none).
 */
async function copyWorkMs(
  dir: string,
  slice: ReadonlyArray<{ article: Article; texts: string[] }>,
  rounds: ReadonlyArray<{ groups: string[][] }>,
): Promise<number> {
  const backend = await openEmbeddedBackend({ dir });
  const { ms } = await timed(async () => {
    const finder = createCopyFinder(await backend.store.articleCopies());
    for (const { article } of slice) {
      const hash = textHash(article.title, article.text);
      const sketch = sketchOf(article.title, article.text);
      const story = finder.find(article.id, hash, sketch)?.story ?? article.id;
      finder.add(article.id, { story, textHash: hash, sketch });
    }
    for (const r of rounds) {
      for (const group of r.groups) await backend.store.embeddingsByKey(group.map(embeddingKey));
    }
  });
  await backend.vectorIndex.close();
  await backend.store.close();
  return ms;
}
