/**
 * The people a statement's own words name. "Mr Blair has "the same passion", he said" is not
 * Mr Blair speaking: a writer would have put "he has"; nor is "I'm the co-ordinator and Tony
 * has not made up his mind" Tony's. So a pronoun or a role attributing the words is not
 * resolved to someone the words name.
 */

import type { Entity, EntityTable } from './entities.js';
import { HONORIFICS } from './lexicon.js';
import { isCapitalised, tokenize, withoutPossessive } from './tokens.js';

/** Runs of capitalised words in `text[start, end)`, honorifics and possessives off. */
function capitalisedRuns(text: string, start: number, end: number): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  for (const token of tokenize(text, start, end)) {
    const word = withoutPossessive(token.text);
    if (isCapitalised(word) && /\w/.test(word)) {
      if (!HONORIFICS.has(word.toLowerCase().replace(/\.$/, ''))) run.push(word);
      if (word === token.text) continue;
    }
    if (run.length > 0) runs.push(run);
    run = [];
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * The persons of `table` named in `text[start, end)`: by a form the article gives them, by
 * its last word (the surname) or by its first word standing alone (a first name, when no one
 * has it for a surname: "Glazer" is Malcolm Glazer's, not the first word of a headline run
 * into "Glazer Rio Ferdinand").
 */
export function personsNamedIn(table: EntityTable, text: string, start: number, end: number): Set<Entity> {
  const named = new Set<Entity>();
  const runs = capitalisedRuns(text, start, end).map((r) => r.join(' '));
  if (runs.length === 0) return named;
  const people = table.entities.filter((e) => e.kind === 'person');
  const surnames = new Set(people.flatMap((e) => e.forms.map((f) => f.split(' ').pop() as string)));
  const alone = new Set(runs.filter((r) => !r.includes(' ') && !surnames.has(r)));
  for (const e of people) {
    const hit = e.forms.some((form) => {
      const words = form.split(' ');
      const last = words[words.length - 1] as string;
      return runs.some((r) => r === last || r.endsWith(` ${last}`)) || alone.has(words[0] as string);
    });
    if (hit) named.add(e);
  }
  return named;
}

/** An office-holder opening a sentence in `text[from, to)` ("The prime minister almost blushed."), or undefined. */
export function officeBetween(text: string, from: number, to: number): string | undefined {
  const found =
    /(?:^|[.!?]["”’]?\s+)The ((?:[a-z]+ )?(?:prime minister|premier|chancellor|president))\b/.exec(
      text.slice(from, to),
    );
  return found?.[1];
}
