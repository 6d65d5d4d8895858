/**
 * `engine.statements`: what a person said, asked directly (`semsearch quotes`, `GET
 * /v1/statements`, MCP `find_statements`) rather than as a question. The articles are found by a
 * search for the speaker's words on the topic (or for the speaker's name without one), and read
 * for their statements as a question's answer is.
 */
import { SearchError } from '../errors.js';
import type { AnswerStatement, SpeakerAnswer } from '../results/index.js';
import type { EngineContext } from '../search/context.js';
import { K_MAX, runSearch, searchResponse } from '../search/index.js';
import { answerFor, quotesNobodyNamed } from './statements.js';

export interface StatementsRequest {
  /** Who: a name as typed ("Abe", "Mr Blair", "Blunket"), a surname, a title and name. */
  speaker: string;
  /** About what; without it, all of the speaker's statements in the articles found. */
  topic?: string | undefined;
  /** Only articles dated on or after / before or on (YYYY-MM-DD). */
  dateFrom?: string | undefined;
  dateTo?: string | undefined;
  /** Statements to return. @default 10 */
  limit?: number | undefined;
}

export interface StatementsResponse {
  speaker: Omit<SpeakerAnswer, 'statements'>;
  statements: AnswerStatement[];
}

/** Longest speaker name and topic accepted, in characters. */
export const SPEAKER_MAX_CHARS = 200;
export const TOPIC_MAX_CHARS = 500;
/** Most statements one request returns. */
export const STATEMENTS_MAX = 50;

export async function findStatements(
  ctx: EngineContext,
  request: StatementsRequest,
): Promise<StatementsResponse> {
  const speaker = request.speaker?.trim() ?? '';
  const topic = request.topic?.trim() ?? '';
  const limit = request.limit ?? 10;
  if (!speaker || speaker.length > SPEAKER_MAX_CHARS) {
    throw new SearchError('BAD_INPUT', `Name a speaker (1 to ${SPEAKER_MAX_CHARS} characters), e.g. "Abe".`);
  }
  if (topic.length > TOPIC_MAX_CHARS) {
    throw new SearchError(
      'BAD_INPUT',
      `The topic is ${topic.length} characters; the limit is ${TOPIC_MAX_CHARS}.`,
    );
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > STATEMENTS_MAX) {
    throw new SearchError('BAD_INPUT', `limit must be a whole number from 1 to ${STATEMENTS_MAX}.`);
  }
  const filters =
    request.dateFrom || request.dateTo
      ? {
          ...(request.dateFrom ? { dateFrom: request.dateFrom } : {}),
          ...(request.dateTo ? { dateTo: request.dateTo } : {}),
        }
      : undefined;
  if (await quotesNobodyNamed(ctx, speaker)) {
    return { speaker: { asked: speaker, topic, matched: [], quotedIn: 0 }, statements: [] };
  }
  const started = performance.now();
  // Asked as a question, the topic is searched on its own too (the speaker's name would
  // dominate its embedding); without a topic, the articles that name the speaker.
  const query = topic ? `what did ${speaker} say about ${topic}` : speaker;
  const run = await runSearch(ctx, { query, k: K_MAX, filters });
  const response = await searchResponse(ctx, run, K_MAX, false, started);
  const { statements, ...about } = await answerFor(ctx, { speaker, topic }, response.hits, filters);
  return { speaker: about, statements: statements.slice(0, limit) };
}
