/**
 * How sure the answer is: the probability that a card's article is relevant, judged at the level
 * of the question (is the first card relevant?) rather than one passage, so that the label over
 * a result list (good / weak / none) tells the truth about its first card.
 *
 * A logistic model over evidence that means the same in any collection: the best passage's
 * cosine to the question, the share of the question's words it (or its title) holds, and how
 * far its cosine leads the next card's. `npm run calibrate:label` fits it on every judged
 * question of the five development sets (each set weighing the same) and checks it by leaving
 * each set out in turn. Measured and not kept: the words weighted by their rarity among the
 * candidates, whether the dense and lexical lists put the same article first, how many
 * articles are strong matches, and the cosine's standing among all the candidates; none raised
 * the left-out accuracy averaged over the sets (docs/relevance.md, "Labels").
 *
 * The label itself (the first card's) reads that card's whole article: a passage can hold the
 * question's topic while its article never names what was asked ("who won…" over previews of
 * the event), so the label's model adds the share of the question's words in the whole
 * article and title. Left out in turn it was right for 0.657 of questions averaged over the
 * five sets, against 0.630 without it, and no set lower. The other cards keep the passage model (their articles are not read for it).
 */
import type { ParsedQuery } from '../analysis/index.js';
import { type MatchLevel, termCoverage } from './relevance.js';
import type { Hit } from './types.js';

/** The evidence for one card. */
export interface ConfidenceFeatures {
  /** Cosine of the question and the card's best passage. */
  cosine: number;
  /** Share of the question's content words in the best passage or its title. */
  coverage: number;
  /** Cosine lead over the next card's best passage (0 for the last). */
  lead: number;
}

export const FEATURE_NAMES = ['cosine', 'coverage', 'lead'] as const;

/** Logistic coefficients (`npm run calibrate:label`, five development sets each weighing the same). */
export const CONFIDENCE_MODEL = {
  bias: -1.7,
  weights: { cosine: 0.47, coverage: 2.5, lead: 4.38 },
} as const;

/** A card at or above this is more likely relevant than not: no warning over it. */
export const GOOD_CONFIDENCE = 0.5;
/** Below this, the first card is "no good match". */
export const NONE_CONFIDENCE = 0.2;

/** A logistic model over the named features. */
function logistic<N extends string>(
  names: readonly N[],
  model: { bias: number; weights: Readonly<Record<N, number>> },
  f: Readonly<Record<N, number>>,
): number {
  let z = model.bias;
  for (const name of names) z += model.weights[name] * f[name];
  return 1 / (1 + Math.exp(-z));
}

export function confidenceOf(f: ConfidenceFeatures, model = CONFIDENCE_MODEL): number {
  return logistic(FEATURE_NAMES, model, f);
}

/** The evidence for the label: the first card's, and its whole article's share of the question's words. */
export interface LabelFeatures extends ConfidenceFeatures {
  /** Share of the question's content words anywhere in the article or its title. */
  articleCoverage: number;
}

export const LABEL_FEATURE_NAMES = [...FEATURE_NAMES, 'articleCoverage'] as const;

/** Logistic coefficients of the label (`npm run calibrate:label`, five development sets each weighing the same). */
export const LABEL_MODEL = {
  bias: -2.24,
  weights: { cosine: 0.4, coverage: -1.07, lead: 3.97, articleCoverage: 4.18 },
} as const;

/** How sure the label is that the first card is relevant. */
export function labelConfidence(f: LabelFeatures, model = LABEL_MODEL): number {
  return logistic(LABEL_FEATURE_NAMES, model, f);
}

/** The label's evidence from the first card's own evidence and its article (title and text). */
export function labelEvidence(
  first: ConfidenceFeatures,
  article: { title: string; text: string },
  query: ParsedQuery,
): LabelFeatures {
  const articleCoverage = termCoverage(query, `${article.title}\n${article.text}`);
  return { ...first, articleCoverage };
}

export function matchOf(confidence: number | undefined): MatchLevel {
  if (confidence === undefined || confidence < NONE_CONFIDENCE) return 'none';
  return confidence >= GOOD_CONFIDENCE ? 'good' : 'weak';
}

/** The evidence for each article of a hit list (in score order; an article's first hit is its best), in card order. */
export function cardEvidence(hits: readonly Hit[]): ConfidenceFeatures[] {
  const best: Hit[] = [];
  const seen = new Set<string>();
  for (const h of hits) {
    if (seen.has(h.articleId)) continue;
    seen.add(h.articleId);
    best.push(h);
  }
  return best.map((h, i) => {
    const cosine = h.scores.dense ?? 0;
    const next = best[i + 1]?.scores.dense ?? cosine;
    return { cosine, coverage: h.scores.coverage, lead: Math.max(0, cosine - next) };
  });
}
