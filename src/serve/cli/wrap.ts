/**
 * Wrapping CLI output to a terminal's width: on spaces, never inside a word, each line's
 * continuation indented as the line is ("   snippet…" under its snippet, "12. Title…" under
 * the title's first word). Escape sequences (colours) take no width. Piped output is not
 * wrapped: the caller passes no width.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: colour escapes are what is skipped
const ESCAPE = /\x1b\[[0-9;]*m/g;

const visibleLength = (s: string) => [...s.replace(ESCAPE, '')].length;

/** The indent a line's continuation gets: its leading spaces, or a list number's width. */
function hangingIndent(line: string): number {
  const bare = line.replace(ESCAPE, '');
  const m = /^( *)(\d+\. )?/.exec(bare);
  return (m?.[1]?.length ?? 0) + (m?.[2]?.length ?? 0);
}

function wrapLine(line: string, width: number): string {
  if (visibleLength(line) <= width) return line;
  const indent = hangingIndent(line);
  // Too narrow to keep the indent and a few words: wrap without it.
  const pad = width - indent >= 20 ? ' '.repeat(indent) : '';
  const lead = line.slice(0, line.length - line.replace(/^ +/, '').length);
  const words = line.slice(lead.length).split(/ +/);
  const out: string[] = [];
  let current = lead;
  let currentWidth = visibleLength(lead);
  let empty = true;
  for (const word of words) {
    const w = visibleLength(word);
    if (!empty && currentWidth + 1 + w > width) {
      out.push(current);
      current = pad + word;
      currentWidth = pad.length + w;
    } else {
      current += empty ? word : ` ${word}`;
      currentWidth += empty ? w : 1 + w;
    }
    empty = false;
  }
  out.push(current);
  return out.join('\n');
}

/** `text` with every line longer than `width` wrapped; unchanged without a width. */
export function wrapText(text: string, width: number | undefined): string {
  if (!width || width < 2) return text;
  return text
    .split('\n')
    .map((line) => wrapLine(line, width))
    .join('\n');
}

/** The width to wrap stdout to: the terminal's, or none when piped. */
export function outputWidth(
  stream: { isTTY?: boolean; columns?: number } = process.stdout,
): number | undefined {
  return stream.isTTY === true && stream.columns ? stream.columns : undefined;
}
