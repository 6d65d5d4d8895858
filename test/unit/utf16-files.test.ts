/** Text files saved as UTF-16 with a byte order mark (as some Windows editors do) are text. */
import { describe, expect, it } from 'vitest';
import { decodeText, parseFile } from '../../src/parse/index.js';

const TEXT = 'Harbour frozen\n\nThe harbour froze over; café owners stayed home. 😀\n';
const le = () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
const be = () => {
  const b = Buffer.from(TEXT, 'utf16le');
  b.swap16();
  return Buffer.concat([Buffer.from([0xfe, 0xff]), b]);
};

describe('UTF-16 files', () => {
  it('decodes UTF-16 LE and BE with their byte order mark', () => {
    expect(decodeText(le(), 'le.txt')).toBe(TEXT);
    expect(decodeText(be(), 'be.txt')).toBe(TEXT);
  });

  it('ingests a UTF-16 .txt file as an article', () => {
    const { articles } = parseFile('/news/harbour.txt', le(), 'news/harbour');
    expect(articles[0]?.title).toBe('Harbour frozen');
    expect(articles[0]?.text).toContain('café owners');
  });

  it('refuses a broken UTF-16 file saying what to do, and still calls NUL-filled files binary', () => {
    const broken = Buffer.concat([le(), Buffer.from([0x00, 0xd8])]); // a lone high surrogate at the end
    expect(() => decodeText(broken, 'broken.txt')).toThrowError(
      expect.objectContaining({ code: 'INVALID_UTF8', message: expect.stringMatching(/UTF-16LE.*iconv/) }),
    );
    expect(() => decodeText(Buffer.from([0x41, 0, 0x42, 0]), 'bin.txt')).toThrowError(
      expect.objectContaining({ code: 'BINARY_FILE' }),
    );
  });
});
