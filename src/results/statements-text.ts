/** The words every front end puts over a speaker's statements, so that they all say the same. */
import { formatDate } from './format.js';
import type { ResultsResponse } from './results.js';
import { type AnswerStatement, ON_TOPIC } from './statements.js';

/** The line over the statements (or over the cards, when the speaker is not quoted), or undefined. */
export function speakerHeadline(r: Pick<ResultsResponse, 'speaker' | 'statements'>): string | undefined {
  const sp = r.speaker;
  if (!sp) return undefined;
  if (sp.matched.length === 0)
    return `No one named ${sp.asked} is quoted in the articles found; the closest articles:`;
  const who = sp.matched[0] as string;
  const onTopic = (r.statements ?? []).some((s) => s.relevance >= ON_TOPIC);
  if (onTopic) return `What ${who} said about ${sp.topic}:`;
  const n = sp.quotedIn;
  return `${who} is quoted in ${n} ${n === 1 ? 'article' : 'articles'}, none about ${sp.topic}; closest:`;
}

/** The words as a reader should take them: a quotation in quotation marks, reported speech as reported. */
export function statementWords(s: Pick<AnswerStatement, 'text' | 'kind'>): string {
  const text = s.text.replace(/\s+/g, ' ').trim();
  return s.kind === 'direct' ? `“${text}”` : `(reported) ${text}`;
}

/** Who, how, when and where: "Shinzo Abe, said · January 22, 2018 · TASS". */
export function statementByline(s: AnswerStatement): string {
  return [`${s.speaker}, ${s.cue}`, formatDate(s.date), s.source].filter(Boolean).join(' · ');
}

/** The other copies carrying the same words ("also Reuters, AP"), or ''. */
export function statementAlso(s: AnswerStatement): string {
  return s.alsoIn.length > 0 ? `also ${s.alsoIn.map((a) => a.source ?? a.articleId).join(', ')}` : '';
}
