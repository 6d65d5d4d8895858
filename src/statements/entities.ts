/**
 * The people and organisations an article names, and where: runs of capitalised words, split
 * into a title or role ("Japanese Prime Minister", "Chelsea boss") and a name ("Shinzo Abe");
 * later short forms ("Abe", "Mr Blair", "M&S", "CIPS") joined to the fullest form.
 */

import { HONORIFICS, NOT_NAMES, ORG_WORDS, PERSON_ROLES, PLACE_WORDS } from './lexicon.js';
import {
  acronymLetters,
  isCapitalised,
  isPossessive,
  type Token,
  tokenize,
  withoutPossessive,
} from './tokens.js';

export type EntityKind = 'person' | 'org' | 'place' | 'unknown';

export interface Entity {
  kind: EntityKind;
  /** The name forms written, honorifics and "the" left out. */
  forms: string[];
  /** Roles the article attaches to it, lower case ("chelsea boss", "japanese prime minister"). */
  roles: string[];
  gender?: 'm' | 'f';
  /** Known to be a person by a title or a role, not only by looking like a name. */
  strong?: boolean;
}

export interface Mention {
  entity: Entity;
  start: number;
  end: number;
}

const CONNECTORS = new Set(['of', '&', 'de', 'da', 'van', 'von', 'der', 'du', 'bin', 'al', 'la', 'le']);
const ROLE_STOPS = new Set([
  'the',
  'a',
  'an',
  'by',
  'of',
  'for',
  'with',
  'from',
  'to',
  'and',
  'said',
  'says',
]);

/** The fullest form: most words, then most characters. */
export function canonicalName(entity: Entity): string {
  let best = entity.forms[0] ?? '';
  for (const form of entity.forms) {
    const words = form.split(' ').length;
    const bestWords = best.split(' ').length;
    if (words > bestWords || (words === bestWords && form.length > best.length)) best = form;
  }
  return best;
}

function surname(form: string): string {
  return (form.split(' ').pop() ?? form).toLowerCase();
}

function initials(form: string): string {
  return form
    .split(/[\s-]+/)
    .filter((w) => isCapitalised(w) && !CONNECTORS.has(w))
    .map((w) => w[0])
    .join('');
}

function isShouted(word: string): boolean {
  return word.length >= 4 && word === word.toUpperCase() && /[A-Z]{2}/.test(word);
}

/** Runs of name words in the tokens: capitalised words joined by connectors. */
function nameRuns(text: string, tokens: readonly Token[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let i = 0;
  while (i < tokens.length) {
    const word = (tokens[i] as Token).text;
    if (!isCapitalised(word) || NOT_NAMES.has(withoutPossessive(word))) {
      i++;
      continue;
    }
    let j = i + 1;
    let orgLike = ORG_WORDS.has(word);
    if (!isPossessive(word)) {
      while (j < tokens.length) {
        // A name does not run over a line break ("Shinzo Abe\n\nTOKYO").
        if (text.slice((tokens[j - 1] as Token).end, (tokens[j] as Token).start).includes('\n')) break;
        const next = (tokens[j] as Token).text;
        // Nor from a name into a credit in capitals ("Shinzo Abe EPA-EFE/TOMS KALNINS").
        if (isShouted(next) !== isShouted((tokens[j - 1] as Token).text)) break;
        const after = tokens[j + 1]?.text ?? '';
        const joins = CONNECTORS.has(next) || (next === 'and' && orgLike);
        if (joins && isCapitalised(after) && !NOT_NAMES.has(after)) {
          j += 2;
        } else if (isCapitalised(next) && !NOT_NAMES.has(withoutPossessive(next))) {
          j++;
        } else break;
        orgLike ||= ORG_WORDS.has(withoutPossessive((tokens[j - 1] as Token).text));
        if (isPossessive((tokens[j - 1] as Token).text)) break;
      }
    }
    runs.push([i, j]);
    i = j;
  }
  return runs;
}

function kindOf(words: readonly string[], honorific: boolean, role: boolean): EntityKind {
  if (words.some((w) => ORG_WORDS.has(w) || w === '&' || w === 'and' || w === 'of')) return 'org';
  if (honorific) return 'person';
  if (words.length === 1 && acronymLetters(words[0] as string) !== undefined) return 'org';
  if (words.some((w) => PLACE_WORDS.has(w))) return role ? 'person' : 'place';
  if (role) return 'person';
  return words.length >= 2 && words.length <= 4 ? 'person' : 'unknown';
}

/** Lower-case role words right before a name: "Chelsea boss", "shadow home secretary". */
function roleBefore(tokens: readonly Token[], at: number): string | undefined {
  const first = tokens[at - 1]?.text.toLowerCase() ?? '';
  if (!PERSON_ROLES.has(first)) return undefined;
  let from = at - 1;
  while (from - 1 >= 0 && at - from < 4) {
    const word = (tokens[from - 1] as Token).text;
    if (!/^[A-Za-z][\w'’-]*$/.test(word) || ROLE_STOPS.has(word.toLowerCase())) break;
    if (!isCapitalised(word) && !PERSON_ROLES.has(word.toLowerCase()) && !/^[a-z-]+$/.test(word)) break;
    from--;
  }
  return tokens
    .slice(from, at)
    .map((t) => withoutPossessive(t.text))
    .join(' ')
    .toLowerCase();
}

export interface EntityTable {
  entities: Entity[];
  mentions: Mention[];
  /** Capitalised runs that are only a role ("Japanese PM"), kept as role mentions. */
  roleMentions: Array<{ role: string; start: number; end: number }>;
}

/** Find the names of `text` (case already restored for upper-case text), outside quotations. */
export function findEntities(text: string, inside: (offset: number) => boolean = () => false): EntityTable {
  const tokens = tokenize(text);
  const entities: Entity[] = [];
  const mentions: Mention[] = [];
  const roleMentions: EntityTable['roleMentions'] = [];
  const bySurname = new Map<string, Entity>();
  const byName = new Map<string, Entity>();
  for (const [from, to] of nameRuns(text, tokens)) {
    // Names inside quotations ("the firm's "Chief Yahoo"") are the speaker's words, not the article's naming.
    if (inside((tokens[from] as Token).start)) continue;
    let words = tokens.slice(from, to).map((t) => withoutPossessive(t.text));
    let start = (tokens[from] as Token).start;
    const end = (tokens[to - 1] as Token).end - (isPossessive((tokens[to - 1] as Token).text) ? 2 : 0);
    let gender: 'm' | 'f' | undefined;
    let honorific = false;
    // A role inside the run: "Japanese Prime Minister Shinzo Abe", "US President George Bush".
    let k = -1;
    words.forEach((w, idx) => {
      if (PERSON_ROLES.has(w.toLowerCase()) || w.toLowerCase() === 'president') k = idx;
    });
    let role = roleBefore(tokens, from);
    if (k >= 0) {
      const inner = words
        .slice(0, k + 1)
        .join(' ')
        .toLowerCase();
      role = role ? `${role} ${inner}` : inner;
      if (k === words.length - 1) {
        roleMentions.push({ role, start, end });
        continue;
      }
      start = (tokens[from + k + 1] as Token).start;
      words = words.slice(k + 1);
      if (CONNECTORS.has(words[0] as string)) {
        // "Chief Executive of AOL UK": the name after the role is the organisation's.
        while (words.length > 0 && CONNECTORS.has(words[0] as string)) words = words.slice(1);
        role = undefined;
      }
    }
    // "Tanzania Mr Brown": the name starts at the title.
    const inner = words.findIndex(
      (w, i) => i > 0 && i < words.length - 1 && /^(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady)$/.test(w),
    );
    if (inner > 0) {
      words = words.slice(inner);
      start = (tokens[to - words.length] as Token).start;
    }
    const title = words[0]?.toLowerCase().replace(/\.$/, '') ?? '';
    if (HONORIFICS.has(title) && words.length > 1) {
      honorific = true;
      gender = HONORIFICS.get(title);
      words = words.slice(1);
      start = (tokens[to - words.length] as Token).start;
    }
    if (words.length === 0) continue;
    if (honorific && /^(?:sir|dame)$/.test(title) && words.length === 1) {
      // "Sir John" after "Sir John Bourn": a knight goes by his first name.
      const knight = entities.find(
        (e) => e.kind === 'person' && e.forms.some((f) => f.split(' ')[0] === words[0] && f.includes(' ')),
      );
      if (knight !== undefined) {
        mentions.push({ entity: knight, start, end });
        continue;
      }
    }
    const form = words.join(' ');
    const kind = kindOf(words, honorific, role !== undefined && words.length <= 4);
    let entity: Entity | undefined;
    if (kind === 'person') {
      const known = bySurname.get(surname(form));
      const sameFirst =
        known === undefined ||
        words.length === 1 ||
        known.forms.every((f) => f.split(' ').length === 1 || f.split(' ')[0] === words[0]);
      if (known !== undefined && sameFirst && known.kind !== 'org') {
        entity = known;
        entity.kind = 'person';
      }
    } else
      entity =
        byName.get(form.toLowerCase()) ?? (words.length === 1 ? bySurname.get(surname(form)) : undefined);
    if (entity === undefined) {
      entity = { kind, forms: [], roles: [] };
      entities.push(entity);
    }
    if (!entity.forms.includes(form)) entity.forms.push(form);
    if (role !== undefined && !entity.roles.includes(role)) entity.roles.push(role);
    if (gender !== undefined) entity.gender ??= gender;
    if (honorific || (role !== undefined && kind === 'person')) entity.strong = true;
    if (entity.kind === 'person') bySurname.set(surname(form), entity);
    else if (!bySurname.has(surname(form)) && words.length === 1) bySurname.set(surname(form), entity);
    byName.set(form.toLowerCase(), entity);
    mentions.push({ entity, start, end });
  }
  joinAcronyms(entities, mentions, text);
  return { entities: entities.filter((e) => e.forms.length > 0), mentions, roleMentions };
}

/** "CIPS", "M&S", "BT", "DrKW" join the organisation whose initials they are. */
function joinAcronyms(entities: Entity[], mentions: Mention[], text: string): void {
  for (const short of entities) {
    const letters = short.forms.length === 1 ? acronymLetters(short.forms[0] as string) : undefined;
    if (letters === undefined) continue;
    const long = entities.find(
      (e) =>
        e !== short &&
        (e.kind !== 'person' || e.strong !== true) &&
        e.forms.some((f) => f.includes(' ') && initials(f) === letters),
    );
    // "Chartered Institute of Purchasing and Supply (CIPS)": the parenthesis names it too.
    const named =
      long ??
      mentions.find((m) =>
        text.slice(m.end, m.end + 3 + (short.forms[0] as string).length).includes(`(${short.forms[0]})`),
      )?.entity;
    if (named === undefined || named === short) continue;
    named.forms.push(...short.forms);
    named.kind = named.kind === 'person' ? 'org' : named.kind === 'place' ? 'org' : named.kind;
    if (named.kind === 'unknown') named.kind = 'org';
    for (const m of mentions) if (m.entity === short) m.entity = named;
    short.forms = [];
  }
}
