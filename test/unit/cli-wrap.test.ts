/**
 * CLI output on a terminal is wrapped on words to its width, each line's continuation indented
 * as the line is; piped output is left as it is (one line per snippet, for grep and friends).
 */
import { describe, expect, it } from 'vitest';
import { createStyle } from '../../src/serve/cli/render.js';
import { outputWidth, wrapText } from '../../src/serve/cli/wrap.js';

const SNIPPET =
  '   …the prime minister said the **Kuril** Islands dispute could be settled by a peace treaty, prompting analysts to doubt that quickly, pointing to decades of stalled talks.';
// biome-ignore lint/suspicious/noControlCharactersInRegex: colour escapes are what is stripped
const visible = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

describe('wrapping CLI output', () => {
  for (const width of [80, 120]) {
    it(`wraps at ${width} columns on spaces, keeping the indent`, () => {
      const title = `12. ${'Tokyo seeks a peace treaty with Moscow over the disputed islands '.repeat(3).trim()}`;
      const text = `${title}\n${SNIPPET}\n\n1–2 of 2 articles`;
      const lines = wrapText(text, width).split('\n');
      for (const line of lines) expect(visible(line).length).toBeLessThanOrEqual(width);
      // No word is cut: the words read the same, only the spaces changed.
      expect(wrapText(text, width).replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
      const titleLines = lines.slice(
        0,
        lines.findIndex((l) => l.startsWith('   …')),
      );
      expect(titleLines.length).toBeGreaterThan(1);
      for (const l of titleLines.slice(1)) expect(l).toMatch(/^ {4}\S/);
      const snippetLines = lines.slice(titleLines.length, lines.indexOf(''));
      expect(snippetLines.length).toBeGreaterThan(1);
      for (const l of snippetLines) expect(l).toMatch(/^ {3}\S/);
    });
  }

  it('gives colour escapes no width and keeps short lines as they are', () => {
    const style = createStyle(true);
    const line = `   ${style.dim('TOKYO · January 28, 2019 · TASS · seeds/000_49243b7414c43ba9')}`;
    expect(wrapText(line, 70)).toBe(line);
    const long = `   ${'word '.repeat(30).trim().replace('word', style.mark('word'))}`;
    for (const l of wrapText(long, 40).split('\n')) expect(visible(l).length).toBeLessThanOrEqual(40);
  });

  it('wraps to the terminal only: no width when piped', () => {
    expect(outputWidth({ isTTY: true, columns: 80 })).toBe(80);
    expect(outputWidth({ isTTY: false, columns: 80 })).toBeUndefined();
    expect(outputWidth({})).toBeUndefined();
    expect(wrapText(SNIPPET, undefined)).toBe(SNIPPET);
  });
});
