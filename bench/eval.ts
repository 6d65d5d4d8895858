/**
 * `npm run eval`: retrieval quality on the public judged collections (time-dev, SciFact, Cranfield):
 * nDCG@10, MRR@10 and Recall@100 at article level for lexical, dense and hybrid retrieval.
 * Indexes are built once into .cache/eval and reused (ingest is incremental).
 *
 *   npm run eval -- [--datasets DIR] [--only scifact,time-dev] [--dtype q8|fp32] [--sweep] [--json FILE]
 *                   [--backend embedded|elasticsearch] [--es-url URL] [--copy-from-embedded]
 *                   [--modes lexical,dense,hybrid] [--tuning JSON] [--chunk-max-tokens N]
 *                   [--passage-context title|title+lede|none]
 *                   [--model DIR]
 *
 * `--tuning` takes a FusionTuning object (or an array of them), each scored in hybrid mode after
 * the modes; `--chunk-max-tokens` and `--passage-context` score an index built with other chunker
 * settings (cached in its own folder); `--model` scores another model, a local folder with
 * config.json, tokenizer.json and onnx/model_quantized.onnx (cached apart per folder).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type EvalResult, evaluate, type FusionTuning, readQueries } from '../src/index.js';
import { type IndexVariant, openCachedIndex } from './indexes.js';
import { DEFAULT_DATASETS } from './lib.js';

const { values } = parseArgs({
  options: {
    datasets: { type: 'string', default: DEFAULT_DATASETS },
    only: { type: 'string' },
    dtype: { type: 'string', default: 'q8' },
    sweep: { type: 'boolean', default: false },
    json: { type: 'string' },
    backend: { type: 'string', default: 'embedded' },
    'es-url': { type: 'string', default: 'http://127.0.0.1:9201' },
    'copy-from-embedded': { type: 'boolean', default: false },
    modes: { type: 'string', default: 'lexical,dense,hybrid' },
    tuning: { type: 'string' },
    'chunk-max-tokens': { type: 'string' },
    'passage-context': { type: 'string' },
    model: { type: 'string' },
  },
});
const modes = (['lexical', 'dense', 'hybrid'] as const).filter((m) =>
  (values.modes as string).split(',').includes(m),
);
const where = {
  backend: values.backend === 'elasticsearch' ? ('elasticsearch' as const) : ('embedded' as const),
  esUrl: values['es-url'],
  copyFromEmbedded: values['copy-from-embedded'],
};
const variant: IndexVariant = {
  chunkMaxTokens: values['chunk-max-tokens'] ? Number(values['chunk-max-tokens']) : undefined,
  passageContext: values['passage-context'] as IndexVariant['passageContext'],
  model: values.model,
};
const tunings: FusionTuning[] = values.tuning ? [JSON.parse(values.tuning)].flat() : [];
const jsonOut =
  values.json ?? `bench-out/eval${where.backend === 'elasticsearch' ? '-elasticsearch' : ''}.json`;

const collections = ['time-dev', 'scifact', 'cranfield'].filter(
  (c) => !values.only || values.only.split(',').includes(c),
);
const dtype = values.dtype === 'fp32' ? 'fp32' : 'q8';
const results: Array<EvalResult & { collection: string; config?: string }> = [];

for (const name of collections) {
  const dir = join(values.datasets as string, name);
  if (!existsSync(join(dir, 'corpus.jsonl'))) {
    console.error(`eval: ${dir}/corpus.jsonl not found; pass --datasets DIR`);
    process.exitCode = 1;
    continue;
  }
  const { engine } = await openCachedIndex(name, join(dir, 'corpus.jsonl'), dtype, true, where, variant);
  const queries = readQueries(join(dir, 'queries.jsonl'));
  const qrels = readFileSync(join(dir, 'qrels.tsv'), 'utf8');
  for (const mode of modes) {
    const r = await evaluate(engine, queries, qrels, { mode });
    results.push({ ...r, collection: name });
    if (r.unscored.length > 0) console.log(`${name}: ${r.unscored.length} queries could not be scored`);
    console.log(
      `${name.padEnd(10)} ${mode.padEnd(8)} nDCG@10 ${r.ndcg10.toFixed(4)}  MRR@10 ${r.mrr10.toFixed(4)}  R@100 ${r.recall100.toFixed(4)}  (${r.queries} queries, ${r.seconds.toFixed(1)} s)`,
    );
  }
  const report = (r: EvalResult, config: string) => {
    results.push({ ...r, collection: name, config });
    console.log(
      `${name.padEnd(10)} tuning ${config.padEnd(44)} nDCG@10 ${r.ndcg10.toFixed(4)}  MRR@10 ${r.mrr10.toFixed(4)}  R@100 ${r.recall100.toFixed(4)}`,
    );
  };
  for (const tuning of tunings) {
    report(await evaluate(engine, queries, qrels, { mode: 'hybrid', ...tuning }), JSON.stringify(tuning));
  }
  if (values.sweep) {
    const configs: FusionTuning[] = [
      ...[0, 2, 3, 5].flatMap((feedbackPassages) =>
        [0.5, 1, 1.5].map((feedbackWeight) => ({ feedbackPassages, feedbackWeight })),
      ),
      ...[0.75, 1, 1.5].map((lexicalWeight) => ({ lexicalWeight })),
    ];
    for (const tuning of configs) {
      const r = await evaluate(engine, queries, qrels, { mode: 'hybrid', ...tuning });
      const config = JSON.stringify(tuning);
      results.push({ ...r, collection: name, config });
      console.log(
        `${name.padEnd(10)} sweep ${config.padEnd(44)} nDCG@10 ${r.ndcg10.toFixed(4)}  MRR@10 ${r.mrr10.toFixed(4)}  R@100 ${r.recall100.toFixed(4)}`,
      );
    }
  }
  await engine.close();
}

mkdirSync(resolve(jsonOut, '..'), { recursive: true });
writeFileSync(jsonOut, JSON.stringify({ dtype, backend: where.backend, results }, null, 2));
console.log(`wrote ${jsonOut}`);
