/**
 * User text to an FTS5 MATCH expression that cannot inject syntax: words are extracted,
 * English stop words dropped (FTS5 has none, and in a small collection "did" can be rarer
 * than the topic), each term quoted, and the terms OR-ed (space means AND in FTS5).
 */

/** Most terms one lexical query may carry. */
export const FTS_MAX_TERMS = 64;

// A compact English stop-word list (function words and question words).
const STOP_WORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both ' +
    'but by can could did do does doing down during each few for from further had has have having he her here hers ' +
    'herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on ' +
    'once only or other our ours ourselves out over own same say says said she should so some such than that the ' +
    'their theirs them themselves then there these they this those through to too under until up very was we were ' +
    'what when where which while who whom why will with would you your yours yourself yourselves tell'
  ).split(' '),
);

/** Lower-cased word terms of `text`, stop words dropped unless nothing else is left. */
export function queryTerms(text: string): string[] {
  const words = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 0);
  const content = words.filter((w) => !STOP_WORDS.has(w));
  const chosen = content.length > 0 ? content : words;
  return [...new Set(chosen)].slice(0, FTS_MAX_TERMS);
}

/** The MATCH expression, or undefined when the text has no words at all. */
export function buildFtsQuery(text: string): string | undefined {
  const terms = queryTerms(text);
  if (terms.length === 0) return undefined;
  // Terms hold only letters and digits, so the quotes cannot be broken out of.
  return terms.map((t) => `"${t}"`).join(' OR ');
}
