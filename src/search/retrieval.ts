/**
 * Hybrid retrieval: dense candidates from the vector index and lexical candidates from the
 * store's BM25, both with the filters applied inside the backend, fused by the mean of their
 * min-max normalized scores, then one round of dense pseudo-relevance feedback.
 */
import type { SpeechQuestion } from '../analysis/index.js';
import type { VectorHit } from '../backends/index.js';
import type { Embedder } from '../embed/index.js';
import type { EngineContext } from './context.js';
import { type Candidate, DENSE_WEIGHT, fuse, LEXICAL_WEIGHT } from './fusion.js';
import type { QueryPlan } from './plan.js';
import { K_MAX, type SearchTimings } from './types.js';

/** Dense candidates taken from the vector index before fusion. */
export const DENSE_CANDIDATES = 100;
/** Lexical candidates taken from BM25 before fusion. */
export const LEXICAL_CANDIDATES = 100;
/** Top fused passages whose mean embedding is added to the query vector (0 = no feedback). */
export const FEEDBACK_PASSAGES = 3;
/** Weight of that mean relative to the query vector. */
export const FEEDBACK_WEIGHT = 1.0;
/** Weight of the topic's dense list, for a question about what someone said. */
export const TOPIC_WEIGHT = 1.0;

/** Knobs of hybrid fusion, for evaluation sweeps; the defaults are the measured best. */
export interface FusionTuning {
  denseWeight?: number;
  lexicalWeight?: number;
  /** Passages used for dense pseudo-relevance feedback; 0 turns it off. @default 3 */
  feedbackPassages?: number;
  /** Weight of the feedback centroid added to the query vector. @default 1 */
  feedbackWeight?: number;
}

/** A question about what someone said, with its topic's embedding. */
export type SpeechTopic = SpeechQuestion & { vector: Float32Array };

/** How deep each list is searched, and the fusion knobs (evaluation sweeps set them). */
export interface RetrievalDepth {
  denseDepth: number;
  lexicalDepth: number;
  tuning?: FusionTuning | undefined;
}

/** What retrieval hands on: the fused candidates, best first, and what the later stages reuse. */
export interface Retrieved {
  candidates: Candidate[];
  /** The question's embedding (as asked), when the index has a model. */
  queryVector: Float32Array | undefined;
  /** Speaker and topic, for a question about what someone said, with the topic's embedding. */
  speech: SpeechTopic | undefined;
  queryTruncated: boolean;
  timings: Omit<SearchTimings, 'totalMs'>;
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/** normalize(query + weight · mean(feedback)). */
export function expandQuery(
  query: Float32Array,
  feedback: readonly Float32Array[],
  weight: number,
): Float32Array {
  const out = Float32Array.from(query);
  if (feedback.length === 0) return out;
  for (const v of feedback)
    for (let i = 0; i < out.length; i++)
      out[i] = (out[i] as number) + (weight * (v[i] as number)) / feedback.length;
  const norm = Math.sqrt(dot(out, out)) || 1;
  return out.map((x) => x / norm);
}

/** Printable ASCII: a token of any tokenizer covers at least one of these characters. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Whether the model cuts `text` (its tokens and the two special ones past its budget). A short
 * question of plain ASCII is not tokenized again to know: every token but a leading word marker
 * covers at least one of its characters, so it has at most one token more than characters.
 */
export function overBudget(
  embedder: Pick<Embedder, 'countTokens'> & { info: Pick<Embedder['info'], 'maxTokens'> },
  text: string,
): boolean {
  const budget = embedder.info.maxTokens - 2;
  if (text.length + 1 <= budget && PRINTABLE_ASCII.test(text)) return false;
  return embedder.countTokens(text) > budget;
}

export async function retrieve(
  ctx: EngineContext,
  plan: QueryPlan,
  request: RetrievalDepth,
): Promise<Retrieved> {
  const { query, mode, filters } = plan;
  const tuning = request.tuning ?? {};
  const timings = { embedMs: 0, denseMs: 0, lexicalMs: 0, fusionMs: 0 };
  const indexed = (await ctx.store.manifest()) !== undefined;
  let dense: VectorHit[] = [];
  let queryVector: Float32Array | undefined;
  let queryTruncated = false;
  let speech: SpeechTopic | undefined;
  let topicHits: VectorHit[] = [];
  if (indexed) {
    // Embedded in every mode: the relevance signal needs the question's cosine to each hit.
    const embedder = await ctx.embedder();
    const t = performance.now();
    // The model reads the words, not the syntax marks or the excluded words.
    const plain = plan.parsed.plain;
    queryVector = await embedder.embedQuery(plain);
    queryTruncated = overBudget(embedder, plain);
    if (plan.speech) speech = { ...plan.speech, vector: await embedder.embedQuery(plan.speech.topic) };
    timings.embedMs = performance.now() - t;
  }
  if (mode !== 'lexical' && queryVector) {
    const t = performance.now();
    dense = await ctx.vectorIndex.search(queryVector, request.denseDepth, filters);
    if (speech) topicHits = await ctx.vectorIndex.search(speech.vector, request.denseDepth, filters);
    timings.denseMs = performance.now() - t;
  }
  let lexical: Array<{ passageId: number; bm25: number }> = [];
  if (mode !== 'dense') {
    const t = performance.now();
    lexical = await ctx.store.lexicalSearch(query, request.lexicalDepth, filters);
    timings.lexicalMs = performance.now() - t;
  }
  let t = performance.now();
  const fuseWith = (denseList: VectorHit[]) =>
    fuse({
      dense: denseList,
      lexical,
      denseWeight: mode === 'lexical' ? 0 : (tuning.denseWeight ?? DENSE_WEIGHT),
      lexicalWeight: mode === 'dense' ? 0 : (tuning.lexicalWeight ?? LEXICAL_WEIGHT),
      topic: topicHits,
      topicWeight: TOPIC_WEIGHT,
    });
  let fused = fuseWith(dense);
  timings.fusionMs = performance.now() - t;
  const feedback = tuning.feedbackPassages ?? FEEDBACK_PASSAGES;
  if (mode === 'hybrid' && queryVector && feedback > 0 && fused.length > 0) {
    // Dense pseudo-relevance feedback: move the query toward the passages both lists agree
    // on, search again, fuse again.
    t = performance.now();
    const top = await ctx.store.getEmbeddings(fused.slice(0, feedback).map((p) => p.id));
    const expanded = expandQuery(queryVector, [...top.values()], tuning.feedbackWeight ?? FEEDBACK_WEIGHT);
    const original = new Map(dense.map((h) => [h.id, h.similarity]));
    const second = await ctx.vectorIndex.search(expanded, request.denseDepth, filters);
    timings.denseMs += performance.now() - t;
    t = performance.now();
    fused = fuseWith(second);
    // Report similarity to the question as asked, not to the expanded query.
    const missing = fused.filter((p) => p.dense !== null && !original.has(p.id)).map((p) => p.id);
    const extra =
      missing.length > 0
        ? await ctx.store.getEmbeddings(missing.slice(0, K_MAX * 2))
        : new Map<number, Float32Array>();
    for (const p of fused) {
      if (p.dense === null) continue;
      const known = original.get(p.id);
      const vector = extra.get(p.id);
      p.dense = known ?? (vector ? dot(queryVector, vector) : null);
    }
    timings.fusionMs += performance.now() - t;
  }
  return { candidates: fused, queryVector, speech, queryTruncated, timings };
}
