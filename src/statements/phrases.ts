/**
 * The phrases around a cue verb: who speaks (the noun phrase before it, or after it in "said Mr
 * Blair"), and where the reported words start (past "told reporters", "on Monday", "that").
 */

import { CUE_VERBS, NOT_NAMES, ORG_NOUNS, PERSON_ROLES } from './lexicon.js';
import { isCapitalised, tokenize } from './tokens.js';

export interface Phrase {
  text: string;
  start: number;
}

const AUXILIARIES =
  /\s+(?:has|have|had|also|later|then|again|repeatedly|previously|once|would|will|has also|had also|continually|quickly|publicly|recently|further|too|immediately|firmly|strongly|always|now|today|yesterday|duly|privately|simply|only)$/i;
const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'his', 'her', 'their', 'one']);
const PRONOUNS = new Set(['he', 'she', 'it', 'they', 'who', 'we', 'i']);
/** Lower-case words no speaker's noun phrase runs through. */
const PHRASE_STOPS = new Set(
  `that which but or as when while after before because if than to in on at by with from was were is
  are be been has have had not also then so although though since until where whether what whose this
  these those there here into over under during about against between said says told would will could
  should can may might must`.split(/\s+/),
);

/** The speaker's noun phrase ending where `before` ends (the text of the sentence before its cue). */
export function phraseBefore(text: string, from: number, to: number): Phrase | undefined {
  let head = text.slice(from, to);
  let apposition: { at: number; length: number } | undefined;
  for (;;) {
    const stripped = head
      .replace(/\s+$/, '')
      .replace(AUXILIARIES, '')
      .replace(/\s*\([^()]*\)$/, '');
    // An apposition: "The chancellor, speaking during a tour of Africa," → "The chancellor".
    const match = /^(.*\S),([^,]{3,90}),$/s.exec(stripped);
    if (match !== null)
      apposition ??= { at: (match[1] as string).length + 1, length: (match[2] as string).length };
    const next = match?.[1] ?? stripped;
    if (next === head) break;
    head = next;
  }
  const phrase = trailingPhrase(head, from);
  // "The prosecution's star witness, former WorldCom chief Scott Sullivan, has said": the name.
  if (phrase !== undefined && !PRONOUNS.has(phrase.text.toLowerCase()) && apposition) {
    const span = text.slice(from + apposition.at, from + apposition.at + apposition.length);
    const named = trailingPhrase(span, from + apposition.at);
    // "The Higher Education Minister, Kim Howells, said": a role, then the name alone.
    const role = PERSON_ROLES.has(phrase.text.split(/\s+/).pop()?.toLowerCase() ?? '');
    const nameAlone = /^\s*(?:[A-Z][\w'’.-]*\s*)+$/.test(span);
    if (
      named !== undefined &&
      /[A-Z]/.test(named.text) &&
      (!/[A-Z]/.test(phrase.text) || (role && nameAlone))
    )
      return named;
  }
  return phrase;
}

function isNoun(lower: string): boolean {
  return PERSON_ROLES.has(lower) || ORG_NOUNS.has(lower) || /-year-old$/.test(lower) || /^spokes/.test(lower);
}

/** The noun phrase at the end of `head`: back to a determiner, a stop word or punctuation. */
function trailingPhrase(head: string, offset: number): Phrase | undefined {
  const tokens = tokenize(head);
  let first = tokens.length;
  for (let i = tokens.length - 1; i >= 0 && tokens.length - i <= 9; i--) {
    const word = tokens[i]?.text as string;
    const lower = word.toLowerCase();
    if (!/^[\p{L}\p{N}]/u.test(word)) break;
    if (i === tokens.length - 1 && PRONOUNS.has(lower)) {
      first = i;
      break;
    }
    if (DETERMINERS.has(lower)) {
      first = i;
      break;
    }
    // "National Association of Purchasing Management": a joiner between capitalised words.
    const joins = /^(?:of|and|&|for|de|van|von)$/.test(word) && isCapitalised(tokens[i - 1]?.text ?? '');
    if (joins && isCapitalised(tokens[i + 1]?.text ?? '')) {
      first = i;
      continue;
    }
    if (PHRASE_STOPS.has(word) || NOT_NAMES.has(word) || CUE_VERBS.has(lower)) break;
    // Before a name only a role or an organisation noun ("Chelsea boss Jose Mourinho"), not
    // the end of a headline ("mongrel jibe Michael Howard").
    const leftmost = tokens[first]?.text ?? '';
    if (first < tokens.length && isCapitalised(leftmost) && !isCapitalised(word) && !isNoun(lower)) break;
    first = i;
  }
  if (first >= tokens.length) return undefined;
  const start = offset + (tokens[first]?.start as number);
  return { text: head.slice(tokens[first]?.start as number).trim(), start };
}

/** The speaker's noun phrase right after an inverted cue: "said Mr Ingram", "added Johnson". */
export function phraseAfter(text: string, from: number, to: number): Phrase | undefined {
  const tokens = tokenize(text, from, to);
  let last = -1;
  for (let i = 0; i < tokens.length && i < 9; i++) {
    const word = tokens[i]?.text as string;
    if (!/^[\p{L}\p{N}]/u.test(word)) break;
    if (i > 0 && (PHRASE_STOPS.has(word) || /ly$/.test(word) || word === 'who')) break;
    last = i;
  }
  if (last < 0) return undefined;
  const start = tokens[0]?.start as number;
  return { text: text.slice(start, tokens[last]?.end as number), start };
}

/** The first cue verb in `text[from, to)` outside quotations, as [start, end, verb]. */
export function cuesIn(
  text: string,
  from: number,
  to: number,
  inside: (offset: number) => boolean,
): Array<[number, number, string]> {
  const found: Array<[number, number, string]> = [];
  for (const token of tokenize(text, from, to)) {
    const lower = token.text.toLowerCase();
    // Cues are written in lower case but for the first word of a sentence ("Said X: …").
    const written = token.text === lower || /^(?:Said|Says|Added|Insisted)$/.test(token.text);
    // "Port Said" is a city.
    const city =
      lower === 'said' && /\bport\s+$/i.test(text.slice(Math.max(0, token.start - 6), token.start));
    if (written && !city && CUE_VERBS.has(lower) && !inside(token.start))
      found.push([token.start, token.end, lower]);
  }
  // "according to" is a cue of two words.
  for (const match of text.slice(from, to).matchAll(/\baccording to\b/gi)) {
    const at = from + match.index;
    if (!inside(at)) found.push([at, at + match[0].length, 'according to']);
  }
  return found.sort((a, b) => a[0] - b[0]);
}

const ADVERBIALS = new RegExp(
  '^[\\s,]*(?:' +
    [
      'on (?:\\w+day|radio|television|tv)',
      'last (?:week|month|year|night)',
      'this (?:week|month|year)',
      'earlier(?: this \\w+)?',
      'yesterday',
      'today',
      'in (?:a|an|its|his|her|their) (?:[\\w-]+ ){0,2}(?:statement|article|interview|report|speech|letter|briefing)(?: (?:on|to|with) [^,]{0,40}?(?=,| that))?',
      'at the weekend',
      'at (?:a|the) (?:[\\w-]+ ){0,3}(?:conference|meeting|summit|rally|launch|hearing)',
      'publicly',
      'privately',
      'repeatedly',
      'again',
      'also',
      'later',
      'recently',
      'previously',
      'on \\w+day',
    ].join('|') +
    ')\\b,?',
  'i',
);

/** A reported clause shows its verb within this many words ("having an always-on, fast connection is …"). */
const CLAUSE_VERB_WITHIN_WORDS = 12;

const AUXILIARY_VERBS =
  /^(?:is|are|was|were|will|would|could|can|may|might|must|should|shall|had|has|have|did|does|do|be|been|won't|can't|isn't|wasn't|didn't|doesn't|'s|’s)$/i;
const NOUN_MARKERS = new Set([
  'the',
  'a',
  'an',
  'his',
  'her',
  'its',
  'their',
  'our',
  'my',
  'your',
  'this',
  'these',
  'those',
]);

/** Past tenses that do not end in -ed ("sales rose 8%", "spending fell"). */
const IRREGULAR_PAST = new Set(
  `rose fell grew went came made took gave saw knew thought got kept left lost won paid sold bought
  held ran began became brought built spent stood found felt meant met led fought drew shrank sank`.split(
    /\s+/,
  ),
);

/** An auxiliary or a past tense in the words ("the club were sad", not "and peers"). */
function hasPastOrAuxiliary(words: string): boolean {
  return tokenize(words).some(
    (t, i) =>
      AUXILIARY_VERBS.test(t.text) || IRREGULAR_PAST.has(t.text) || (i > 0 && /^[a-z]\w+ed$/.test(t.text)),
  );
}

/** A verb in the words: an auxiliary, a past tense, or "-s" after something that is not a determiner. */
export function hasVerb(words: string): boolean {
  const tokens = tokenize(words).map((t) => t.text);
  return tokens.some((word, i) => {
    if (AUXILIARY_VERBS.test(word) || IRREGULAR_PAST.has(word) || (/^[a-z]\w+ed$/.test(word) && i > 0))
      return true;
    const before = tokens[i - 1]?.toLowerCase();
    return (
      i > 0 &&
      /^[a-z]\w+s$/.test(word) &&
      !/ss$/.test(word) &&
      before !== undefined &&
      !NOUN_MARKERS.has(before)
    );
  });
}

const TOLD_OBJECT =
  /^\s+(?:reporters|journalists|MPs|delegates|supporters|listeners|viewers|the (?:BBC|press|media)|(?:a|an|the) (?:[\w-]+ ){0,2}(?:conference|jury|meeting|audience|newspaper|paper|programme|show|court|hearing|rally|briefing|summit|gathering|forum|crowd|committee|inquiry)(?: (?:on|of) [\w-]+)?|(?:the )?[A-Z][\w'’&.-]*(?: (?:[A-Z][\w'’&.-]*|\d+(?:['’]s)?))*(?: (?:members|supporters|delegates|MPs|staff|fans|reporters|journalists|leaders|activists|readers|viewers|listeners|programme|show|website|newspaper))?)(?: (?:in|at) [A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*)?(?: on \w+day)?/;

/**
 * Where the reported words after a cue start, or undefined when what follows is not a clause
 * (a colon or quotation, "to" + verb, a prepositional phrase).
 */
export function clauseStart(
  text: string,
  cueEnd: number,
  sentenceEnd: number,
  cue: string,
): number | undefined {
  let at = cueEnd;
  const rest = (): string => text.slice(at, sentenceEnd);
  if (cue === 'told' || cue === 'tells' || cue === 'telling') {
    const that = /^(?:\s+\S+){0,10}?\s+that\b/.exec(rest());
    if (that !== null) return at + that[0].length;
    const object = TOLD_OBJECT.exec(rest());
    if (object === null) return undefined;
    at += object[0].length;
  }
  if (cue === 'called' || cue === 'calls') {
    // "called for X to be treated as criminals"; "called the rebate "unjustified"" is read as a quotation.
    const forClause = /^\s+for\s+/.exec(rest());
    if (forClause === null) return undefined;
    return at + forClause[0].length;
  }
  for (let guard = 0; guard < 4; guard++) {
    const adverbial = ADVERBIALS.exec(rest());
    if (adverbial === null || adverbial[0].trim().length === 0) break;
    at += adverbial[0].length;
  }
  // "said that could turn into a trend": "that" is the clause's subject, not its conjunction.
  const that =
    /^[\s,]*that\b(?!\s+(?:is|was|will|would|could|can|may|might|must|should|had|has|means|meant)\b)/.exec(
      rest(),
    );
  if (that !== null) at += that[0].length;
  if (that !== null) while (/[\s,]/.test(text[at] ?? '')) at++;
  const participle = that === null && /^\s*[a-z]+ing\b/.test(rest());
  while (/\s/.test(text[at] ?? '')) at++;
  const clause = rest();
  // "told the Commons foreign affairs committee: "…"", "said after the 4-0 win: "…"": no clause
  // before the quotation, which is read as the speaker's own.
  const colon = /^([^.,;"“]{0,60}):\s*["“]/.exec(clause);
  if (colon !== null && !hasPastOrAuxiliary(colon[1] as string)) return undefined;
  if (/^[:"“]|^(?:to|of|by|in|on|with|for|about|from|at|as)\b/i.test(clause) || participle) return undefined;
  if (clause.split(/\s+/).filter((w) => /\w/.test(w)).length < 3) return undefined;
  // A clause has a verb: "the cuts are…", not only an object ("predicted an election defeat").
  if (!hasVerb(clause.split(/\s+/).slice(0, CLAUSE_VERB_WITHIN_WORDS).join(' '))) return undefined;
  return at;
}
