/**
 * Questions about what someone said: "what did Abe say about the Kurils", "Putin's view on
 * NATO", "how did Merkel react to the vote". Asked whole, the speaker's name dominates the
 * question's embedding, so passages that merely mention the speaker (on any subject) outrank
 * the ones on the subject; and a reader wants the speaker's own words. The question is split
 * into speaker and topic so that retrieval can search the topic on its own as well.
 */

export interface SpeechQuestion {
  /** Who spoke, as written ("Abe", "the prime minister"). */
  speaker: string;
  /** What about, as written, without a leading article ("Kurils"). */
  topic: string;
}

const VERBS =
  'say|said|says|think|thinks|thought|tell|told|write|wrote|announce|announced|claim|claimed|propose|proposed|promise|promised|warn|warned|argue|argued|state|stated|believe|believed|feel|felt|mean|meant|comment|commented|speak|spoke|talk|talked';
const ABOUT = 'about|on|of|regarding|concerning|over';
const AUX = 'did|does|do|has|have|had|will|would';

const PATTERNS: readonly RegExp[] = [
  // what did Abe say about the Kurils; what has the minister said on pensions; what did Kim
  // tell reporters about the summit (up to two words of object)
  new RegExp(
    `^(?:what|how)\\s+(?:${AUX})\\s+(?<speaker>.+?)\\s+(?:${VERBS})(?:\\s+\\S+){0,2}?\\s+(?:${ABOUT})\\s+(?<topic>.+)$`,
    'i',
  ),
  // how did Merkel react to the vote
  new RegExp(
    `^how\\s+(?:${AUX})\\s+(?<speaker>.+?)\\s+(?:react|reacted|respond|responded|reply|replied)\\s+to\\s+(?<topic>.+)$`,
    'i',
  ),
  // (what is) Putin's view on NATO; the minister's remarks about pensions
  new RegExp(
    `^(?:(?:what|how)\\s+(?:is|was|are|were)\\s+)?(?<speaker>.+?)(?:'s|’s|')\\s+(?:view|views|position|stance|opinion|opinions|take|comments?|remarks?|statements?|words)\\s+(?:${ABOUT})\\s+(?<topic>.+)$`,
    'i',
  ),
];

/** Longest speaker, in words: a longer "speaker" is a sentence the patterns misread. */
const SPEAKER_MAX_WORDS = 5;

/** The speaker and topic of a question about what someone said, or undefined for any other question. */
export function speechQuestion(question: string): SpeechQuestion | undefined {
  let end = question.length;
  // Trailing marks by hand: /[?.!]+$/ backtracks quadratically over long runs of them.
  while (end > 0 && /[\s?.!]/.test(question.charAt(end - 1))) end--;
  const text = question.slice(0, end).trim().replace(/\s+/g, ' ');
  for (const pattern of PATTERNS) {
    const groups = pattern.exec(text)?.groups;
    if (!groups) continue;
    const speaker = (groups.speaker ?? '').trim();
    const topic = (groups.topic ?? '').replace(/^(?:the|a|an)\s+/i, '').trim();
    if (!speaker || !topic || speaker.split(' ').length > SPEAKER_MAX_WORDS) continue;
    if (/["“”]/.test(speaker)) continue; // syntax marks belong to the whole question
    return { speaker, topic };
  }
  return undefined;
}

/** Forms that name a speaker only when the index knows one by that name ("Greenspan on the deficit"). */
const LOOSE_PATTERNS: readonly RegExp[] = [
  // did Bill Gates comment on Apple's iPod; has Blair spoken about the war
  new RegExp(
    `^(?:did|does|has|have)\\s+(?<speaker>.+?)\\s+(?:comment|commented|speak|spoken|spoke|talk|talked|say anything|said anything)\\s+(?:${ABOUT})\\s+(?<topic>.+)$`,
    'i',
  ),
  // Greenspan on the US trade deficit; Ladbrokes' Warren Lush on the odds (the speaker is at
  // most SPEAKER_MAX_WORDS words, so the first " on " is the one)
  /^(?<speaker>\S+(?: \S+){0,4}?) on (?<topic>.+)$/i,
];
/** Longest question read in the looser forms: a speaker and a topic, not a pasted paragraph. */
const LOOSE_MAX_CHARS = 200;

/**
 * The speaker and topic of a question about what someone said, in the strict forms of
 * `speechQuestion` or the looser ones ("X on Y", "did X comment on Y"), which name a speaker
 * only if the index knows one by that name: the caller checks.
 */
export function statementQuestion(question: string): SpeechQuestion | undefined {
  const strict = speechQuestion(question);
  if (strict) return strict;
  let end = question.length;
  while (end > 0 && /[\s?.!]/.test(question.charAt(end - 1))) end--;
  const text = question.slice(0, end).trim().replace(/\s+/g, ' ');
  if (text.length > LOOSE_MAX_CHARS) return undefined;
  for (const pattern of LOOSE_PATTERNS) {
    const groups = pattern.exec(text)?.groups;
    if (!groups) continue;
    const speaker = (groups.speaker ?? '').trim();
    const topic = (groups.topic ?? '').replace(/^(?:the|a|an)\s+/i, '').trim();
    if (!speaker || !topic || speaker.split(' ').length > SPEAKER_MAX_WORDS) continue;
    if (/["“”]/.test(speaker)) continue;
    return { speaker, topic };
  }
  return undefined;
}
