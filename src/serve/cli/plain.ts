/**
 * Terminal-safe text: article text, titles and file names come from outside, and an escape
 * sequence in them would reach the user's terminal (retitle it, rewrite the screen, …). Each
 * control character (C0 but tab and newline, DEL, C1) becomes U+FFFD, one for one, so the
 * character offsets of highlights still line up.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function plain(text: string): string {
  return text.replace(CONTROL, '\uFFFD');
}
