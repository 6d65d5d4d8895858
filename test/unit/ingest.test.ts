import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decodeText,
  firstInvalidUtf8,
  globMatcher,
  type LoadItem,
  listFiles,
  loadArticles,
  parseDateline,
  parseFile,
  parseTextArticle,
} from '../../src/parse/index.js';
import { FIXTURES, SEEDS, tempDir } from '../helpers.js';

const seed0 = readFileSync(join(SEEDS, '000_49243b7414c43ba9.txt'), 'utf8');
const seed1 = readFileSync(join(SEEDS, '001_5b0540494f67e9be.txt'), 'utf8');
const paragraphTexts = (a: { text: string; paragraphs: Array<{ start: number; end: number }> }) =>
  a.paragraphs.map((p) => a.text.slice(p.start, p.end));

describe('news layout', () => {
  it('parses the first seed: title, place, date, source, standfirst, captions, paragraphs', () => {
    const a = parseTextArticle('000', seed0);
    expect(a.title).toBe(
      'Japanese PM says Tokyo will pursue peace treaty with Russia, cooperation in all areas',
    );
    expect(a.place).toBe('TOKYO');
    expect(a.date).toBe('--01-22');
    expect(a.metadata.month).toBe(1);
    expect(a.metadata.day).toBe(22);
    expect(a.source).toBe('TASS');
    expect(a.metadata.section).toBe('All news');
    expect(a.metadata.standfirst).toBe('Tokyo sees its relations with Moscow as most promising');
    expect(a.metadata.captions).toEqual([
      'Japanese Prime Minister Shinzo Abe EPA-EFE/TOMS KALNINS',
      'Japanese Prime Minister Shinzo Abe',
    ]);
    const paras = paragraphTexts(a);
    expect(paras).toHaveLength(5);
    expect(paras[0]).toBe('Tokyo sees its relations with Moscow as most promising');
    // The dateline is metadata, not text of the lead paragraph.
    expect(paras[1]?.startsWith('The Japanese government seeks to sign a peace treaty')).toBe(true);
    expect(paras[4]?.endsWith('on the southern part of the Kuril Islands.')).toBe(true);
    expect(a.text).toBe(seed0);
  });

  it('parses the second seed with its own date and eight paragraphs', () => {
    const a = parseTextArticle('001', seed1);
    expect(a.title).toBe('Tokyo seeks peace treaty with Russia and strong alliance with US, says Abe');
    expect([a.place, a.date, a.source]).toEqual(['TOKYO', '--01-28', 'TASS']);
    const paras = paragraphTexts(a);
    expect(paras).toHaveLength(9);
    expect(paras[0]).toBe('The premier said Japan’s relations with China of late have returned to normal');
    expect(paras[8]).toBe(
      'Abe emphasized that he would seek to normalize ties with Pyongyang based on close cooperation with the United States and South Korea.',
    );
  });

  it('reads datelines with a year and other agencies', () => {
    expect(parseDateline('NEW YORK, March 3, 2019 /Reuters/ - Stocks rose')).toMatchObject({
      place: 'NEW YORK',
      month: 3,
      day: 3,
      year: 2019,
      source: 'Reuters',
    });
    expect(parseDateline('Tokyo, January 22. /TASS/.')).toBeUndefined();
    expect(parseDateline('TOKYO, Smarch 22. /TASS/.')).toBeUndefined();
  });
});

describe('other formats', () => {
  const load = (name: string) =>
    parseFile(join(FIXTURES, 'formats', name), readFileSync(join(FIXTURES, 'formats', name)), name);

  it('plain text: first line is the title, blank lines separate paragraphs', () => {
    const [a] = load('plain.txt').articles;
    expect(a?.title).toBe('Plain title');
    expect(a && paragraphTexts(a)).toEqual([
      'First paragraph of a plain text file.',
      'Second paragraph, with more words.',
    ]);
  });

  it('markdown: title from the first heading, a heading joined to the paragraph it heads as its own sentence', () => {
    const [a] = load('notes.md').articles;
    expect(a?.title).toBe('Fishing quotas agreed');
    expect(a && paragraphTexts(a)).toEqual([
      'Russia and Japan agreed fishing quotas for the coming season.',
      'Details.\nThe agreement covers salmon and pollock near the islands.',
    ]);
    // A snippet (white space folded) reads the heading apart from the text it heads.
    expect(a?.text.replace(/\s+/g, ' ')).toContain('Details. The agreement covers');
  });

  it('markdown: front matter into fields, never text; no lone heading; markup stripped', () => {
    const path = join(FIXTURES, 'markdown', 'field-notes.md');
    const [a] = parseFile(path, readFileSync(path), 'field-notes').articles;
    expect(a).toMatchObject({
      title: 'Field notes: a week on Shikotan',
      date: '2019-01-28',
      source: 'Island Diary',
      metadata: { tags: ['kurils', 'travel'], author: 'A. Tanaka' },
    });
    expect(a && paragraphTexts(a)).toEqual([
      'Shikotan, week one.\nThe ferry from Korsakov reached the island after a two-day crossing; see the\nport schedule for the winter timetable.',
      'Fishing.\nMost families on the island work at the Krabozavodsk cannery, which runs three shifts.',
      'salmon in summer\npollock in winter',
      'Weather.\nOutlook.\nFog over the bay',
      'Fog rolled in every afternoon, and the wind turned to the north.',
    ]);
    expect(a?.text).not.toMatch(/---|title:|tags:|\*\*|\]\(|^#/m);
    expect(a?.text).not.toContain('Appendix');
  });

  it('html file: navigation, cookie banner, related links and comments never become passages', () => {
    const bytes = readFileSync(join(FIXTURES, 'feeds', 'harbour.html'));
    const { articles } = parseFile('harbour.html', bytes, 'harbour');
    const text = articles.flatMap((x) => paragraphTexts(x)).join('\n');
    expect(text.length).toBeGreaterThan(100);
    for (const noise of ['Accept all cookies', 'Related stories', 'Regatta', 'seagull42', '©']) {
      expect(text).not.toContain(noise);
    }
  });

  it('html: <title>, text of <article>, scripts and styles dropped', () => {
    const [a] = load('article.html').articles;
    expect(a?.title).toBe('Harbour reopens after storm');
    expect(a && paragraphTexts(a)).toEqual([
      'The port of Nakhodka reopened on Tuesday after a three-day storm closed it to shipping.',
      'Harbour officials said cranes and piers were undamaged.',
    ]);
    expect(a?.text).not.toContain('tracking');
    expect(a?.text).not.toContain('alert');
    expect(a?.text).not.toContain('Home | World');
  });

  it('jsonl: ids, titles, metadata; a broken line is reported with its number and the rest load', () => {
    const { articles, skips } = load('records.jsonl');
    expect(articles.map((a) => a.id)).toEqual(['rec-1', 'rec-2', 'rec-5']);
    expect(articles[0]?.source).toBe('Wire');
    expect(articles[0]?.metadata).toEqual({ topic: 'economy' });
    expect(articles[1] && paragraphTexts(articles[1])).toEqual([
      'A new rail link opened between two cities.',
      'Passengers welcomed it.',
    ]);
    const lines = skips.map((s) => (s as Extract<LoadItem, { kind: 'skip' }>).line);
    expect(lines).toEqual([3, 4]);
    expect((skips[0] as Extract<LoadItem, { kind: 'skip' }>).error.code).toBe('MALFORMED_JSON');
    expect((skips[0] as Extract<LoadItem, { kind: 'skip' }>).error.message).toContain('records.jsonl:3');
    expect((skips[1] as Extract<LoadItem, { kind: 'skip' }>).error.message).toContain('no string "text"');
  });

  it('json: an array of records', () => {
    const { articles } = load('list.json');
    expect(articles.map((a) => [a.id, a.title])).toEqual([['j-1', 'Port strike ends']]);
  });

  it('a binary file is a clear BINARY_FILE error', () => {
    expect(() => load('image.txt')).toThrowError(expect.objectContaining({ code: 'BINARY_FILE' }));
  });

  it('broken UTF-8 is reported with its byte offset and line, not mangled', () => {
    expect(() => load('latin1.txt')).toThrowError(
      expect.objectContaining({
        code: 'INVALID_UTF8',
        message: expect.stringContaining('byte offset 3, line 1'),
      }),
    );
    expect(firstInvalidUtf8(Buffer.from('ok ✓ café', 'utf8'))).toBe(-1);
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0xed, 0xa0, 0x80]))).toBe(1); // a UTF-16 surrogate
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0xe2, 0x82]))).toBe(1); // truncated sequence
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, 0x68, 0x69]), 'bom.txt')).toBe('hi');
  });

  it('an empty document and an unknown type are clear errors', () => {
    expect(() => load('empty.txt')).toThrowError(expect.objectContaining({ code: 'EMPTY_DOCUMENT' }));
    expect(() => load('archive.zip')).toThrowError(expect.objectContaining({ code: 'UNSUPPORTED_FILE' }));
  });

  it('loading a folder yields articles and names every skipped file', () => {
    const items = [...loadArticles([join(FIXTURES, 'formats')])];
    const articles = items.flatMap((i) => (i.kind === 'article' ? [i.article.id] : []));
    expect(articles.sort()).toEqual(['article', 'j-1', 'notes', 'plain', 'rec-1', 'rec-2', 'rec-5']);
    const skipped = items.flatMap((i) =>
      i.kind === 'skip' ? [`${i.path.split('/').pop()}:${i.error.code}`] : [],
    );
    expect(skipped.sort()).toEqual([
      'archive.zip:UNSUPPORTED_FILE',
      'empty.txt:EMPTY_DOCUMENT',
      'image.txt:BINARY_FILE',
      'latin1.txt:INVALID_UTF8',
      'records.jsonl:BAD_INPUT',
      'records.jsonl:MALFORMED_JSON',
    ]);
  });

  it('an index folder inside the tree is skipped whole, with one notice (not its files as articles)', () => {
    const tmp = tempDir();
    try {
      cpSync(SEEDS, join(tmp.dir, 'docs'), { recursive: true });
      mkdirSync(join(tmp.dir, 'idx'));
      for (const f of ['semsearch.db', 'semsearch.db-wal', 'write.lock', 'vectors.hnsw.json'])
        writeFileSync(join(tmp.dir, 'idx', f), 'x');
      const skips: string[] = [];
      const files = listFiles(tmp.dir, {}, (s) => skips.push(s.error.message));
      expect(files.map((f) => f.id).sort()).toEqual([
        'docs/000_49243b7414c43ba9',
        'docs/001_5b0540494f67e9be',
      ]);
      expect(skips).toEqual([`${join(tmp.dir, 'idx')} is a semsearch index folder; it was skipped.`]);
    } finally {
      tmp.cleanup();
    }
  });

  it('include and exclude globs filter files by relative path', () => {
    const dir = join(FIXTURES, 'formats');
    expect(listFiles(dir, { include: ['*.md', '**/*.html'] }).map((f) => f.id)).toEqual(['article', 'notes']);
    expect(listFiles(dir, { exclude: ['*.txt', '*.json*'] }).map((f) => f.id)).toEqual([
      'archive',
      'article',
      'notes',
    ]);
    expect(globMatcher(['**/*.txt'])('a/b/c.txt')).toBe(true);
    expect(globMatcher(['**/*.txt'])('c.txt')).toBe(true);
    expect(globMatcher(['*.txt'])('a/c.txt')).toBe(false);
    expect(globMatcher(['a?c.md'])('a/c.md')).toBe(false);
    expect(globMatcher([])('c.txt')).toBe(false);
    expect(globMatcher([''])('c.txt')).toBe(false);
  });

  it('globs expand braces, take classes and negation', () => {
    const dir = join(FIXTURES, 'formats');
    expect(listFiles(dir, { include: ['*.{md,html}'] }).map((f) => f.id)).toEqual(['article', 'notes']);
    expect(listFiles(dir, { include: ['[lp]*'] }).map((f) => f.id)).toEqual(['latin1', 'list', 'plain']);
    expect(listFiles(dir, { include: ['[!a-l]*.*'] }).map((f) => f.id)).toEqual([
      'notes',
      'plain',
      'records',
    ]);
    expect(listFiles(dir, { exclude: ['!*.json*'] }).map((f) => f.id)).toEqual(['list', 'records']);
    const matcher = globMatcher(['{docs,notes}/**/*.md', 'day[[:digit:]].txt', 'part{1..3}.txt']);
    const matching = (paths: string[]) => paths.filter((p) => matcher(p));
    expect(matching(['docs/a/b.md', 'notes/c.md', 'other/c.md'])).toEqual(['docs/a/b.md', 'notes/c.md']);
    expect(matching(['day7.txt', 'dayx.txt', 'part2.txt', 'part4.txt'])).toEqual(['day7.txt', 'part2.txt']);
    expect(globMatcher(['report (1).txt', 'a+b.txt'])('report (1).txt')).toBe(true);
  });
});

describe('countArticles', () => {
  it('counts files, jsonl lines and json array elements for progress totals', async () => {
    const { countArticles } = await import('../../src/parse/index.js');
    // 7 single-article files (unusable ones count too) + 5 jsonl lines + 1 json element.
    expect(countArticles([join(FIXTURES, 'formats')])).toBe(13);
    expect(countArticles([join(FIXTURES, 'scifact-300.jsonl')])).toBe(300);
  });
});
