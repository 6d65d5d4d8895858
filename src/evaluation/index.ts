/** Evaluation: scoring an index against judged queries (nDCG@10, MRR@10, Recall@100). */

export {
  bareId,
  type NewsQuestion,
  type NewsScore,
  type ShownAnswer,
  type SpeechQuestion,
  type SpeechScore,
  scoreNews,
  scoreSpeech,
  shows,
  storyNdcg,
} from './answers.js';
export { type EvalQuery, type EvalResult, evaluate, RUN_FILE_DEPTH, readQueries } from './evaluate.js';
export { meanMetrics, parseQrels, type Qrels, type QueryMetrics, scoreQuery } from './metrics.js';
