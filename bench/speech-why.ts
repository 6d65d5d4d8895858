/**
 * `npm run eval:answers -- --why`: for each speech question, why its passage nDCG@5 is short of
 * 1: the five units shown with the marked substrings (grade) and distractors (D) each holds,
 * then every marked substring not shown, with what extraction made of it in its articles (the
 * statement holding it and its speaker, or "not extracted" and the sentence) and, when it is
 * the asked speaker's, its place in the answer's statements.
 */

import { type SpeechQuestion, shows } from '../src/evaluation/index.js';
import { extractStatements, type Statement } from '../src/statements/index.js';

export interface WhyAnswer {
  units: readonly string[];
  statements: ReadonlyArray<{ text: string; speaker: string; relevance: number }>;
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Every article of `corpus` holding `marked`, by id, and where. */
function holders(corpus: ReadonlyMap<string, string>, marked: string): Array<[string, string, number]> {
  const out: Array<[string, string, number]> = [];
  for (const [id, text] of corpus) {
    const at = text.indexOf(marked);
    if (at >= 0) out.push([id, text, at]);
  }
  return out;
}

const extracted = new Map<string, Statement[]>();
function statementsOf(id: string, text: string): Statement[] {
  let s = extracted.get(id);
  if (!s) {
    s = extractStatements({ title: '', text });
    extracted.set(id, s);
  }
  return s;
}

function sentenceAround(text: string, at: number): string {
  const from = Math.max(0, text.lastIndexOf('. ', at) + 2);
  const stop = text.indexOf('. ', at);
  return text.slice(from, stop < 0 ? text.length : stop + 1);
}

export function explainSpeech(q: SpeechQuestion, a: WhyAnswer, corpus: ReadonlyMap<string, string>): void {
  const marked = Object.entries(q.rel);
  const shown = new Set<string>();
  a.units.slice(0, 5).forEach((u, i) => {
    const marks = marked.filter(([m]) => !shown.has(m) && shows(u, m));
    for (const [m] of marks) shown.add(m);
    const d = q.distractors.some((x) => shows(u, x)) ? ' D' : '';
    const st = a.statements[i];
    const who = i < a.statements.length && st ? `${st.relevance.toFixed(2)} ${st.speaker}` : 'hit';
    console.log(`   ${i + 1}. [${marks.map(([, g]) => g).join(',') || '-'}${d}] ${who}: ${cut(u, 100)}`);
  });
  for (const [m, g] of marked) {
    if (shown.has(m)) continue;
    console.log(`   missed (${g}) "${m}"`);
    for (const [id, text, at] of holders(corpus, m).slice(0, 3)) {
      const st = statementsOf(id, text).find((s) => s.start <= at + m.length && s.end >= at);
      if (!st) {
        console.log(`      ${id} not extracted: ${cut(sentenceAround(text, at), 180)}`);
        continue;
      }
      const rank = a.statements.findIndex((s) => s.text === st.text);
      const place =
        rank >= 0 ? `answer #${rank + 1} (${a.statements[rank]?.relevance.toFixed(2)})` : 'not in answer';
      console.log(
        `      ${id} ${st.kind} ${st.speaker} [${st.speakerAsWritten}], ${place}: ${cut(st.text, 90)}`,
      );
    }
  }
}
