/** Sentence spans with offsets, from Intl.Segmenter (ICU's sentence rules). */

export interface Span {
  start: number;
  end: number;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Sentences of `text[start, end)`, trimmed, as offsets into `text`. */
export function sentenceSpans(text: string, start = 0, end = text.length): Span[] {
  const out: Span[] = [];
  for (const seg of segmenter.segment(text.slice(start, end))) {
    let s = start + seg.index;
    let e = s + seg.segment.length;
    while (s < e && /\s/.test(text[s] ?? '')) s++;
    while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
    if (s < e) out.push({ start: s, end: e });
  }
  return out;
}

/** Word spans (runs of non-space) of `text[start, end)`. */
export function wordSpans(text: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  const re = /\S+/g;
  const slice = text.slice(start, end);
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    out.push({ start: start + m.index, end: start + m.index + m[0].length });
  }
  return out;
}
