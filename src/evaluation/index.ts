/** Evaluation: scoring an index against judged queries (nDCG@10, MRR@10, Recall@100). */
export { type EvalQuery, type EvalResult, evaluate, RUN_FILE_DEPTH, readQueries } from './evaluate.js';
export { meanMetrics, parseQrels, type Qrels, type QueryMetrics, scoreQuery } from './metrics.js';
