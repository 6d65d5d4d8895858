/**
 * A title for an article that has none (a `.jsonl` record without one, a plain corpus): a
 * headline run into the first sentence ("Air Jamaica back in state control The Jamaican
 * government is…") when one can be told apart, else the article's first words. Front ends
 * mark it as derived; the stored title stays empty, so nothing is embedded or matched twice.
 */

/** Words that open a news lede and hardly ever end a headline. */
const LEDE_OPENERS = new Set(
  'The A An In At It He She They We This That These Those Some Many Most Several Ten When After Before While Following Despite'.split(
    ' ',
  ),
);
/** Words a headline does not end with. */
const NOT_LAST = new Set(
  'a an the of in on at to for and or but by with from as de la le du des da di del van von der'.split(' '),
);
/** A run-in headline is at least this many words and at most this many characters. */
const HEADLINE_MIN_WORDS = 3;
const HEADLINE_MAX_CHARS = 60;
/** A headline told by its subject named again is at most this many words. */
const REPEAT_MAX_WORDS = 8;
/** Words of the first sentence a derived title keeps at most, and its characters. */
const TITLE_MAX_CHARS = 64;

const bare = (word: string) => word.replace(/[’']s$/, '').replace(/[^\p{L}\p{N}-]/gu, '');
const capitalised = (word: string) => /^[\p{Lu}]/u.test(word.replace(/^[‘'"“(]+/, ''));

/** The headline run into the lede, or undefined when no break is clear. */
function runInHeadline(words: readonly string[]): string | undefined {
  const letters = words.slice(0, 12).join('');
  // Shouted text ("THE ALLIES AFTER NASSAU IN DECEMBER") has no case to tell a break by.
  if (letters === letters.toUpperCase()) return undefined;
  const first = bare(words[0] as string);
  for (let p = HEADLINE_MIN_WORDS; p < words.length; p++) {
    const word = words[p] as string;
    const before = words[p - 1] as string;
    const head = words.slice(0, p).join(' ');
    if (head.length > HEADLINE_MAX_CHARS || /[.!?:;,]["'”’)]?$/.test(before)) return undefined;
    if (NOT_LAST.has(before.toLowerCase())) continue;
    if (LEDE_OPENERS.has(word)) return head;
    // "Microsoft takes on desktop search Microsoft has…": the lede names the headline's subject again.
    const repeated = bare(word) === first && !/[,;:]$/.test(word);
    if (p <= REPEAT_MAX_WORDS && repeated && capitalised(word) && !capitalised(before)) return head;
  }
  return undefined;
}

/** "U.S.", "Mr.", "No.": a full stop that ends no sentence. */
const ABBREVIATION = /^(?:(?:\p{L}\.)+|Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|No|Jr|Sr|Inc|Co)\.?$/u;

/** The words up to the first sentence end, or undefined. */
function firstSentence(words: readonly string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (!/[.!?]["'”’)]?$/.test(word) || ABBREVIATION.test(word)) continue;
    return words.slice(0, i + 1).join(' ');
  }
  return undefined;
}

/** The first words of `text`, cut at a word and marked "…" where cut; '' for an empty text. */
export function derivedTitle(text: string): string {
  const lead =
    text
      .slice(0, 600)
      .trim()
      .split(/\n\s*\n/)[0] ?? '';
  const words = lead.split(/\s+/).filter(Boolean);
  if (words.length === 0) return '';
  const headline = runInHeadline(words);
  if (headline) return headline;
  const sentence = firstSentence(words);
  if (sentence && sentence.length <= TITLE_MAX_CHARS) return sentence;
  let title = '';
  for (const word of words) {
    const next = title ? `${title} ${word}` : word;
    if (next.length > TITLE_MAX_CHARS) break;
    title = next;
  }
  if (!title) title = (words[0] as string).slice(0, TITLE_MAX_CHARS);
  return title.length < words.join(' ').length ? `${title.replace(/[,;:–—-]+$/, '')}…` : title;
}

/** Set on an article, listing or card whose title was derived from its text. */
export interface TitleMark {
  titleDerived?: true;
}

/** An article's title to show: its own, or one derived from its text (`titleDerived`). */
export function displayTitle(article: { title: string; text: string }): { title: string } & TitleMark {
  if (article.title.trim() !== '') return { title: article.title };
  const title = derivedTitle(article.text);
  return title ? { title, titleDerived: true } : { title: article.title };
}
