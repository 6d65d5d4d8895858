/**
 * Who a speaker phrase stands for, in this article: a name ("Mr Blair" → Tony Blair), a role
 * ("the Chelsea boss" → the person the article called that; "the premier" → the Prime
 * Minister), an organisation noun ("the firm", "an M&S spokesman") or a pronoun ("he", "it").
 */

import { canonicalName, type Entity, type EntityTable, type Mention } from './entities.js';
import { GENERIC_SPEAKERS, HONORIFICS, ORG_NOUNS, PERSON_ROLES } from './lexicon.js';
import { isCapitalised } from './tokens.js';

export interface Speaker {
  entity: Entity;
  name: string;
}

/** What the resolver knows of the article besides its names. */
export interface Discourse {
  table: EntityTable;
  /** Mentions in subject position (first in their sentence), outside quotations. */
  isSubject: (mention: Mention) => boolean;
  inside: (offset: number) => boolean;
  /** The speaker of the statement before, and where its words ended. */
  last?: { speaker: Speaker; end: number };
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

function resolvePerson(d: Discourse, offset: number, gender?: 'm' | 'f'): Speaker | undefined {
  const fits = (e: Entity): boolean =>
    e.kind === 'person' && (gender === undefined || e.gender !== otherGender(gender));
  const last = d.last;
  const since = lastMention(
    d,
    offset,
    (m) => fits(m.entity) && d.isSubject(m) && (last === undefined || m.start >= last.end),
  );
  if (since !== undefined) return speakerOf(since.entity);
  if (last !== undefined && fits(last.speaker.entity) && offset - last.end < 1500) return last.speaker;
  const subject = lastMention(d, offset, (m) => fits(m.entity) && d.isSubject(m));
  const any = subject ?? lastMention(d, offset, (m) => fits(m.entity));
  return any === undefined ? undefined : speakerOf(any.entity);
}

function otherGender(gender: 'm' | 'f'): 'm' | 'f' {
  return gender === 'm' ? 'f' : 'm';
}

function resolveOrg(d: Discourse, offset: number, noun?: string): Speaker | undefined {
  const orgLike = (e: Entity): boolean => e.kind === 'org' || e.kind === 'unknown';
  if (noun !== undefined) {
    const named = lastMention(
      d,
      offset,
      (m) => orgLike(m.entity) && m.entity.forms.some((f) => f.toLowerCase().includes(noun)),
    );
    if (named !== undefined) return speakerOf(named.entity);
  }
  const last = d.last;
  if (last !== undefined && orgLike(last.speaker.entity) && offset - last.end < 1500) return last.speaker;
  const m = lastMention(d, offset, (x) => orgLike(x.entity));
  return m === undefined ? undefined : speakerOf(m.entity);
}

function resolveRole(d: Discourse, offset: number, role: string): Speaker | undefined {
  const holders = d.table.entities.filter(
    (e) => e.kind === 'person' && e.roles.some((r) => rolesMatch(r, role)),
  );
  if (holders.length > 0) {
    const before = lastMention(d, offset + 1, (m) => holders.includes(m.entity));
    return speakerOf(before?.entity ?? (holders[0] as Entity));
  }
  return resolvePerson(d, offset);
}

/** A name as written, without title: found among the article's entities, or taken as it is. */
function resolveName(d: Discourse, name: string): Speaker {
  const lower = name.toLowerCase();
  const exact = d.table.entities.find((e) => e.forms.some((f) => f.toLowerCase() === lower));
  if (exact !== undefined) return speakerOf(exact);
  const last = lower.split(' ').pop() ?? lower;
  const bySurname = d.table.entities.find(
    (e) => e.kind === 'person' && e.forms.some((f) => f.toLowerCase().split(' ').pop() === last),
  );
  if (bySurname !== undefined) return speakerOf(bySurname);
  const entity: Entity = { kind: 'unknown', forms: [name], roles: [] };
  d.table.entities.push(entity);
  return speakerOf(entity);
}

/** Whom `phrase` (written at `offset`) stands for, or undefined for no one a reader could ask about. */
export function resolveSpeaker(d: Discourse, phrase: string, offset: number): Speaker | undefined {
  const words = phrase
    .replace(/[,.;:]+$/, '')
    .split(/\s+/)
    .filter((w) => w.length > 0);
  const first = words[0]?.toLowerCase() ?? '';
  if (['one', 'some', 'many', 'two', 'three', 'several', 'other', 'others'].includes(first)) return undefined;
  const indefinite = first === 'a' || first === 'an';
  if (['the', 'a', 'an', 'its', 'his', 'her', 'their'].includes(first)) words.shift();
  if (words.length === 0) return undefined;
  if (words.length === 1) {
    const pronoun = (words[0] as string).toLowerCase();
    if (pronoun === 'he' || pronoun === 'she') return resolvePerson(d, offset, pronoun === 'he' ? 'm' : 'f');
    if (pronoun === 'it') return resolveOrg(d, offset);
    if (pronoun === 'they') {
      const last = d.last;
      return last !== undefined && last.speaker.entity.kind !== 'person' ? last.speaker : undefined;
    }
    if (pronoun === 'who') return resolvePerson(d, offset);
  }
  // "ABN Amro's Paul Mackel": the name after the possessive.
  const possessive = words.findIndex((w) => /['’]s$/.test(w));
  if (possessive >= 0 && possessive < words.length - 1 && isCapitalised(words[possessive + 1] as string)) {
    words.splice(0, possessive + 1);
  }
  const head = (words[words.length - 1] as string).toLowerCase();
  if (!isCapitalised(words[words.length - 1] as string)) {
    if (GENERIC_SPEAKERS.has(head)) return undefined;
    const modifiers = words.slice(0, -1).filter((w) => isCapitalised(w));
    const forAt = words.findIndex((w) => w === 'for' || w === 'at');
    if (forAt > 0 && SPOKESPEOPLE.has((words[forAt - 1] as string).toLowerCase())) {
      return resolveSpeaker(d, words.slice(forAt + 1).join(' '), offset);
    }
    if (SPOKESPEOPLE.has(head)) {
      if (modifiers.length > 0) return resolveName(d, modifiers.join(' '));
      return indefinite ? resolveOrg(d, offset) : resolveOrg(d, offset);
    }
    if (ORG_NOUNS.has(head)) {
      if (modifiers.length > 0) {
        const known = d.table.entities.find((e) =>
          e.forms.some((f) => f.toLowerCase() === modifiers.join(' ').toLowerCase()),
        );
        if (known !== undefined) return speakerOf(known);
        if (modifiers.length === words.length - 1) return resolveName(d, modifiers.join(' '));
        return resolveName(
          d,
          words.join(' ').replace(/^./, (c) => c.toUpperCase()),
        );
      }
      return indefinite ? undefined : resolveOrg(d, offset, head);
    }
    if (PERSON_ROLES.has(head) || /-year-old$/.test(head) || words.length <= 4) {
      return indefinite ? undefined : resolveRole(d, offset, words.join(' '));
    }
    return undefined;
  }
  // A name: its trailing capitalised run, less a title.
  let from = words.length - 1;
  while (
    from > 0 &&
    (isCapitalised(words[from - 1] as string) ||
      ['of', '&', 'and', 'de', 'van'].includes(words[from - 1] as string))
  )
    from--;
  let name = words.slice(from);
  if (
    name.every(
      (w) =>
        PERSON_ROLES.has(w.toLowerCase()) ||
        HONORIFICS.has(w.toLowerCase()) ||
        /^[A-Z][a-z]+$/.test(w) === false,
    )
  ) {
    if (name.some((w) => PERSON_ROLES.has(w.toLowerCase()))) return resolveRole(d, offset, name.join(' '));
  }
  const roleAt = name.reduce((k, w, i) => (PERSON_ROLES.has(w.toLowerCase()) ? i : k), -1);
  if (roleAt === name.length - 1) return resolveRole(d, offset, words.join(' '));
  if (roleAt >= 0) name = name.slice(roleAt + 1);
  while (name.length > 1 && HONORIFICS.has((name[0] as string).toLowerCase().replace(/\.$/, '')))
    name = name.slice(1);
  return resolveName(d, name.join(' '));
}
