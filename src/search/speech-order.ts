/**
 * The order of one article's passages for a question about what someone said: by how well
 * each answers the topic alone (its cosine to the topic and the topic's words it holds, the
 * calibrated relevance model), not the whole question, whose speaker's name matches every
 * passage that mentions the speaker on any subject ("Abe stressed … North Korea").
 *
 * Measured and not kept: letting passages that quote speech lead (a reader asking what someone
 * said wants the words). With this model a topic's cosine does not tell a quote on the topic
 * from one beside it: for "what did Abe say about the Kurils" his words on "Kunashir and
 * Iturup" score 0.72 of the article's best topic cosine, and for "... about China" his words on
 * the US alliance score 0.80; no share admits the first and refuses the second.
 */
import { parseQuery } from '../analysis/index.js';
import type { StoredPassage } from '../backends/index.js';
import type { FusedPassage } from './fusion.js';
import { relevance, termCoverage } from './relevance.js';
import { dot, type SpeechTopic } from './retrieval.js';

/** Relevance of each passage to the topic alone (`vectors`: the passages' embeddings). */
export function topicRelevance(
  speech: SpeechTopic,
  passages: ReadonlyMap<number, StoredPassage>,
  vectors: ReadonlyMap<number, Float32Array>,
): Map<number, number> {
  const topic = parseQuery(speech.topic);
  const out = new Map<number, number>();
  for (const [id, v] of vectors) {
    const p = passages.get(id);
    const coverage = p ? termCoverage(topic, `${p.title}\n${p.text}`) : 0;
    out.set(id, relevance(dot(speech.vector, v), coverage));
  }
  return out;
}

/** One article's candidates, best first. */
export function orderForSpeech(
  candidates: readonly FusedPassage[],
  topic: ReadonlyMap<number, number>,
): FusedPassage[] {
  const of = (p: FusedPassage) => topic.get(p.id) ?? 0;
  return [...candidates].sort((a, b) => of(b) - of(a));
}
