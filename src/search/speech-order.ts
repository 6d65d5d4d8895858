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
import type { Candidate } from './fusion.js';
import { relevance, termCoverage } from './relevance.js';
import { dot, type SpeechTopic } from './retrieval.js';

/** Relevance of each candidate to the topic alone (`vectors`: the candidates' embeddings). */
export function topicRelevance(
  speech: SpeechTopic,
  candidates: readonly Candidate[],
  vectors: ReadonlyMap<number, Float32Array>,
): Map<number, number> {
  const topic = parseQuery(speech.topic);
  const out = new Map<number, number>();
  for (const c of candidates) {
    const v = vectors.get(c.id);
    if (!v || out.has(c.id)) continue;
    const p = c.passage;
    const coverage = p ? termCoverage(topic, `${p.title}\n${p.text}`) : 0;
    out.set(c.id, relevance(dot(speech.vector, v), coverage));
  }
  return out;
}

/** One article's candidates, best first. */
export function orderForSpeech(
  candidates: readonly Candidate[],
  topic: ReadonlyMap<number, number>,
): Candidate[] {
  const of = (p: Candidate) => topic.get(p.id) ?? 0;
  return [...candidates].sort((a, b) => of(b) - of(a));
}
