/**
 * Who a speaker phrase stands for, in this article: a name ("Mr Blair" → Tony Blair), a role
 * ("the Chelsea boss" → the person the article called that; "the premier" → the Prime
 * Minister), an organisation noun ("the firm", "an M&S spokesman") or a pronoun ("he", "it").
 */

import { canonicalName, type Entity, type EntityTable, type Mention } from './entities.js';
import { GENERIC_SPEAKERS, HONORIFICS, NOT_NAMES, ORG_NOUNS, PERSON_ROLES } from './lexicon.js';
import { officeBetween } from './named.js';
import { isCapitalised } from './tokens.js';

export interface Speaker {
  entity: Entity;
  name: string;
}

/** What the resolver knows of the article besides its names. */
export interface Discourse {
  /** The article text, case restored. */
  text: string;
  table: EntityTable;
  /** Mentions in subject position (first in their sentence), outside quotations. */
  isSubject: (mention: Mention) => boolean;
  inside: (offset: number) => boolean;
  /** The speaker of the statement before, how it was named, and where its words ended. */
  last?: { speaker: Speaker; end: number; asWritten: string };
  /** Everyone who has spoken so far: a pronoun prefers them to a name merely mentioned. */
  spoken: Set<Entity>;
}

const SPOKESPEOPLE = new Set(['spokesman', 'spokeswoman', 'spokesperson', 'representative', 'statement']);
const NOT_SAME_ROLE = /(?:^|\s)(?:shadow|former|deputy|vice|assistant|ex|junior|acting)$/;

function normaliseRole(role: string): string {
  return ` ${role.toLowerCase()} `
    .replace(/\s(?:pm|premier)\s/g, ' prime minister ')
    .replace(/\s+/g, ' ')
    .trim();
}

function rolesMatch(entityRole: string, phrase: string): boolean {
  const a = normaliseRole(entityRole);
  const b = normaliseRole(phrase);
  if (a === b) return true;
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  return longer.endsWith(` ${shorter}`) && !NOT_SAME_ROLE.test(longer.slice(0, -shorter.length - 1));
}

const RECENT_CHARS = 700;

/**
 * "The prime minister almost blushed. …, he stammered.": a sentence about an office-holder
 * since the person was named, and the person holds another role: "he" is not them.
 */
function holdsOtherRole(e: Entity, office: string | undefined): boolean {
  return office !== undefined && e.roles.length > 0 && !e.roles.some((r) => rolesMatch(r, office));
}
const QUANTIFIERS = new Set('one some many two three several other others most few'.split(' '));
const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'his', 'her', 'their']);
const NAME_JOINERS = new Set(['of', '&', 'and', 'de', 'van', 'von', 'der']);

function speakerOf(entity: Entity): Speaker {
  return { entity, name: canonicalName(entity) };
}

/** The last mention before `offset` (outside quotations) whose entity passes `test`. */
function lastMention(d: Discourse, offset: number, test: (m: Mention) => boolean): Mention | undefined {
  const { mentions } = d.table;
  for (let i = mentions.length - 1; i >= 0; i--) {
    const m = mentions[i] as Mention;
    if (m.start < offset && !d.inside(m.start) && test(m)) return m;
  }
  return undefined;
}

function otherGender(gender: 'm' | 'f'): 'm' | 'f' {
  return gender === 'm' ? 'f' : 'm';
}

/** No one: the persons a statement's own words name are not who "he" or a role stands for there. */
const NO_ONE: ReadonlySet<Entity> = new Set();

/** Pronoun resolution, "he" or "she" or a role nobody was given: who the text is about. */
function resolvePerson(
  d: Discourse,
  offset: number,
  gender?: 'm' | 'f',
  named: ReadonlySet<Entity> = NO_ONE,
): Speaker | undefined {
  const fits = (e: Entity): boolean =>
    e.kind === 'person' && (gender === undefined || e.gender !== otherGender(gender)) && !named.has(e);
  const last = d.last;
  const recent = last !== undefined && offset - last.end < RECENT_CHARS;
  // "an M&S spokesman said …. He also said …": the spokesman again.
  if (
    recent &&
    gender !== undefined &&
    /\bspokes(?:man|woman|person)\b/.test(last.asWritten) &&
    !named.has(last.speaker.entity)
  )
    return last.speaker;
  const known = (e: Entity): boolean => fits(e) && (e.strong === true || d.spoken.has(e));
  const since = lastMention(
    d,
    offset,
    (m) => known(m.entity) && d.isSubject(m) && (last === undefined || m.start >= last.end),
  );
  const other = (e: Entity, from: number) => holdsOtherRole(e, officeBetween(d.text, from, offset));
  if (since !== undefined) return other(since.entity, since.end) ? undefined : speakerOf(since.entity);
  if (recent && known(last.speaker.entity))
    return other(last.speaker.entity, last.end) ? undefined : last.speaker;
  const subject = lastMention(d, offset, (m) => fits(m.entity) && d.isSubject(m));
  const any = subject ?? lastMention(d, offset, (m) => fits(m.entity));
  return any === undefined || other(any.entity, any.end) ? undefined : speakerOf(any.entity);
}

function resolveOrg(d: Discourse, offset: number, noun?: string): Speaker | undefined {
  const orgLike = (e: Entity): boolean => e.kind === 'org' || e.kind === 'unknown';
  if (noun !== undefined) {
    const named = d.table.mentions.filter(
      (m) =>
        m.start < offset && orgLike(m.entity) && m.entity.forms.some((f) => f.toLowerCase().includes(noun)),
    );
    const latest = named[named.length - 1];
    if (latest !== undefined) return speakerOf(latest.entity);
  }
  const last = d.last;
  if (last !== undefined && orgLike(last.speaker.entity) && offset - last.end < RECENT_CHARS * 2)
    return last.speaker;
  // "the firm" with no firm named near: the organisation the article names most, the latest on a tie.
  const counts = new Map<Entity, number>();
  let best: Entity | undefined;
  for (const m of d.table.mentions) {
    if (m.start >= offset || d.inside(m.start) || !orgLike(m.entity)) continue;
    const count = (counts.get(m.entity) ?? 0) + 1;
    counts.set(m.entity, count);
    if (best === undefined || count >= (counts.get(best) ?? 0)) best = m.entity;
  }
  return best === undefined ? undefined : speakerOf(best);
}

function resolveRole(
  d: Discourse,
  offset: number,
  role: string,
  named: ReadonlySet<Entity>,
): Speaker | undefined {
  const holders = d.table.entities.filter(
    (e) => e.kind === 'person' && !named.has(e) && e.roles.some((r) => rolesMatch(r, role)),
  );
  if (holders.length > 0) {
    const before = lastMention(d, offset + 1, (m) => holders.includes(m.entity));
    return speakerOf(before?.entity ?? (holders[0] as Entity));
  }
  const person = resolvePerson(d, offset, undefined, named);
  if (person !== undefined) return person;
  // "…, the work and pensions minister has said." opening the article: the person named next.
  const next = d.table.mentions.find(
    (m) => m.start > offset && m.entity.kind === 'person' && !d.inside(m.start) && !named.has(m.entity),
  );
  return next === undefined ? undefined : speakerOf(next.entity);
}

/** A name as written, without title: found among the article's entities, or taken as it is. */
function resolveName(d: Discourse, name: string, offset: number, knighted = false): Speaker {
  const lower = name.toLowerCase();
  if (knighted) {
    // "Sir John" is Sir John Bourn: a knight goes by his first name.
    const byFirst = d.table.entities.find(
      (e) =>
        e.kind === 'person' &&
        e.forms.some((f) => f.toLowerCase().split(' ')[0] === lower && f.includes(' ')),
    );
    if (byFirst !== undefined) return speakerOf(byFirst);
  }
  const exact = d.table.entities.find((e) => e.forms.some((f) => f.toLowerCase() === lower));
  if (exact !== undefined) return speakerOf(exact);
  const last = lower.split(' ').pop() ?? lower;
  const bySurname = d.table.entities.find(
    (e) => e.kind === 'person' && e.forms.some((f) => f.toLowerCase().split(' ').pop() === last),
  );
  if (bySurname !== undefined) return speakerOf(bySurname);
  const entity: Entity = {
    kind: /\s(?:and|of)\s|&/.test(name) ? 'org' : 'unknown',
    forms: [name],
    roles: [],
  };
  d.table.entities.push(entity);
  const at = d.table.mentions.findIndex((m) => m.start > offset);
  const mention = { entity, start: offset, end: offset + name.length };
  if (at < 0) d.table.mentions.push(mention);
  else d.table.mentions.splice(at, 0, mention);
  return speakerOf(entity);
}

/** A phrase with a lower-case head: a role, an organisation noun, a spokesman, or nobody. */
function resolveNoun(
  d: Discourse,
  words: string[],
  offset: number,
  indefinite: boolean,
  named: ReadonlySet<Entity>,
): Speaker | undefined {
  const head = (words[words.length - 1] as string).toLowerCase();
  // "Indonesia's government" speaks as Indonesia.
  const modifiers = words
    .slice(0, -1)
    .filter((w) => isCapitalised(w))
    .map((w) => w.replace(/['’]s$/, ''));
  if (SPOKESPEOPLE.has(head)) {
    if (modifiers.length > 0) return resolveName(d, modifiers.join(' '), offset);
    return resolveOrg(d, offset);
  }
  if (indefinite) return undefined;
  if (ORG_NOUNS.has(head)) {
    if (modifiers.length === 0) return resolveOrg(d, offset, head);
    // "the Demos report" is Demos's; "the Commons science and technology committee" a name.
    if (modifiers.length === words.length - 1) return resolveName(d, modifiers.join(' '), offset);
    return resolveName(d, words.join(' '), offset);
  }
  if (PERSON_ROLES.has(head) || /-year-old$/.test(head))
    return resolveRole(d, offset, words.join(' '), named);
  return undefined;
}

/**
 * Whom `phrase` (written at `offset`) stands for, or undefined for no one a reader could ask
 * about. `named`: the persons the statement's words name, whom a pronoun or a role is not.
 */
export function resolveSpeaker(
  d: Discourse,
  phrase: string,
  offset: number,
  named: ReadonlySet<Entity> = NO_ONE,
): Speaker | undefined {
  let words = phrase
    .replace(/[,.;:]+$/, '')
    .split(/\s+/)
    .filter((w) => w.length > 0);
  const first = words[0]?.toLowerCase() ?? '';
  if (QUANTIFIERS.has(first)) return undefined;
  const indefinite = first === 'a' || first === 'an';
  if (DETERMINERS.has(first)) words.shift();
  const last = words[words.length - 1];
  if (last === undefined || /['’]s$/.test(last) || GENERIC_SPEAKERS.has(last.toLowerCase())) return undefined;
  if (words.length === 1) {
    const pronoun = last.toLowerCase();
    if (pronoun === 'he' || pronoun === 'she')
      return resolvePerson(d, offset, pronoun === 'he' ? 'm' : 'f', named);
    if (pronoun === 'it') return resolveOrg(d, offset);
    if (pronoun === 'they')
      return d.last !== undefined && d.last.speaker.entity.kind !== 'person' ? d.last.speaker : undefined;
    if (pronoun === 'who') {
      // "US President George Bush, who said …": the name just before.
      const m = lastMention(d, offset, () => true);
      return m !== undefined && offset - m.end <= 3 ? speakerOf(m.entity) : undefined;
    }
  }
  if (NOT_NAMES.has(last)) return undefined; // "on Tuesday", "at Christmas"
  // "a spokeswoman for the charity", "a committee of MPs": the head is before "for"/"of".
  const linked = words.findIndex(
    (w, i) => i > 0 && /^(?:for|of|at)$/.test(w) && /^[a-z]/.test(words[i - 1] as string),
  );
  if (linked > 0) {
    if (SPOKESPEOPLE.has((words[linked - 1] as string).toLowerCase())) {
      return resolveSpeaker(d, words.slice(linked + 1).join(' '), offset, named);
    }
    words = words.slice(0, linked);
  }
  // "ABN Amro's Paul Mackel": the name after the possessive.
  const possessive = words.findIndex((w) => /['’]s$/.test(w));
  if (possessive >= 0 && isCapitalised(words[possessive + 1] ?? '')) words = words.slice(possessive + 1);
  const head = words[words.length - 1] as string;
  if (!isCapitalised(head) || PERSON_ROLES.has(head.toLowerCase()))
    return resolveNoun(d, words, offset, indefinite, named);
  // A name: its trailing capitalised run, less a title or a role before it.
  let from = words.length - 1;
  while (
    from > 0 &&
    (isCapitalised(words[from - 1] as string) || NAME_JOINERS.has(words[from - 1] as string))
  )
    from--;
  let name = words.slice(from);
  const cut = name.reduce(
    (k, w, i) =>
      PERSON_ROLES.has(w.toLowerCase()) || HONORIFICS.has(w.toLowerCase().replace(/\.$/, '')) ? i : k,
    -1,
  );
  const knighted = cut >= 0 && /^(?:sir|dame)$/i.test(name[cut] as string) && name.length - cut === 2;
  if (cut >= 0 && cut < name.length - 1) name = name.slice(cut + 1);
  return resolveName(d, name.join(' '), offset, knighted);
}
