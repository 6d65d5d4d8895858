/**
 * The first stage of every search: the request checked and the question parsed, once. Every
 * later stage (retrieval, evidence, highlights, snippets) reads the plan instead of parsing the
 * question again.
 */
import { type ParsedQuery, parseQuery, type SpeechQuestion, speechQuestion } from '../analysis/index.js';
import type { SearchFilters } from '../backends/index.js';
import { SearchError } from '../errors.js';
import { DEFAULT_K, K_MAX, QUERY_MAX_CHARS, type SearchMode } from './types.js';

const MODES: readonly SearchMode[] = ['hybrid', 'dense', 'lexical'];

export interface QueryPlan {
  /** The question, trimmed. */
  readonly query: string;
  /** Its words, phrases and exclusions, and the plain text the model embeds. */
  readonly parsed: ParsedQuery;
  readonly mode: SearchMode;
  readonly filters: SearchFilters | undefined;
  /** "What did X say about Y": the speaker and the topic, searched alone too (not in lexical mode). */
  readonly speech: SpeechQuestion | undefined;
  /** Required phrases or excluded words: they bind the dense side too, so every candidate's text is read. */
  readonly syntaxBound: boolean;
}

export function validateQuery(query: unknown): string {
  if (typeof query !== 'string' || query.trim() === '') {
    throw new SearchError(
      'BAD_INPUT',
      'The query is empty; ask a question in words, e.g. "what did Abe say about the Kurils".',
    );
  }
  if (query.length > QUERY_MAX_CHARS) {
    throw new SearchError(
      'QUERY_TOO_LONG',
      `The query is ${query.length} characters; the limit is ${QUERY_MAX_CHARS}. Shorten it.`,
      { details: { length: query.length, limit: QUERY_MAX_CHARS } },
    );
  }
  return query.trim();
}

export function validateK(k: number | undefined): number {
  const value = k ?? DEFAULT_K;
  if (!Number.isInteger(value) || value < 1 || value > K_MAX) {
    throw new SearchError('BAD_INPUT', `k must be a whole number from 1 to ${K_MAX}, got ${String(k)}.`);
  }
  return value;
}

export function validateMode(mode: unknown): SearchMode {
  const value = mode ?? 'hybrid';
  if (!MODES.includes(value as SearchMode)) {
    throw new SearchError('BAD_INPUT', `mode must be hybrid, dense or lexical, got "${String(mode)}".`);
  }
  return value as SearchMode;
}

export function planQuery(request: {
  query: unknown;
  mode?: unknown;
  filters?: SearchFilters | undefined;
}): QueryPlan {
  const query = validateQuery(request.query);
  const mode = validateMode(request.mode);
  const parsed = parseQuery(query);
  return {
    query,
    parsed,
    mode,
    filters: request.filters,
    // The speaker's name dominates a "what did X say about Y" embedding: Y is searched alone too.
    speech: mode === 'lexical' ? undefined : speechQuestion(parsed.plain),
    syntaxBound: parsed.phrases.length > 0 || parsed.excluded.length > 0,
  };
}
