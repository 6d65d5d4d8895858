/** The built CLI as a child process against temporary indexes. */
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, FIXTURES, SEEDS, seedQuestions, tempDir } from '../helpers.js';

const run = promisify(execFile);

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], env: Record<string, string> = {}): Promise<Result> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      env: { ...process.env, NO_COLOR: '1', ...env },
      maxBuffer: 32 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('semsearch CLI', () => {
  const tmp = tempDir();
  const index = join(tmp.dir, 'index');

  beforeAll(async () => {
    const r = await cli(['ingest', SEEDS, '--index', index, '--json']);
    expect(r.code, r.stderr).toBe(0);
  });
  afterAll(() => tmp.cleanup());

  it('ingest --json prints the summary object; a second run embeds nothing', async () => {
    const r = await cli(['ingest', SEEDS, '--index', index, '--json']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({
      articlesNew: 0,
      articlesChanged: 0,
      articlesUnchanged: 2,
      articlesRemoved: 0,
      passagesEmbedded: 0,
    });
    expect(typeof summary.seconds).toBe('number');
  });

  it('ingest says "stored with a warning", not "skipped", for an article it stored; and skips an index folder', async () => {
    const dir = join(tmp.dir, 'no-year');
    mkdirSync(join(dir, 'docs'), { recursive: true });
    // Without the seeds' semsearch.meta.json their datelines have no year: stored, with a warning.
    cpSync(join(SEEDS, '000_49243b7414c43ba9.txt'), join(dir, 'docs', 'a.txt'));
    const first = await cli(['ingest', join(dir, 'docs'), '--index', join(dir, 'idx')]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/stored with a warning: 1 /);
    expect(first.stderr).not.toMatch(/skipped/);
    const r = await cli(['ingest', dir, '--index', join(dir, 'idx')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^warning: .*a\.txt: the dateline has no year/m);
    expect(r.stderr).not.toMatch(/warning: skipped .*a\.txt/);
    expect(r.stderr).toMatch(/warning: skipped .*idx is a semsearch index folder/);
    expect(r.stderr).toMatch(/stored with a warning: \d+ /);
    expect(r.stderr).toMatch(/skipped: 1 /);
  });

  it('ask --json answers every seed question with a relevant top passage', async () => {
    for (const q of seedQuestions()) {
      const r = await cli(['ask', q.q, '--index', index, '--json', '-k', '3']);
      expect(r.code, r.stderr).toBe(0);
      const response = JSON.parse(r.stdout);
      // -k counts articles: both seed articles, one card each, the best passage behind card 1.
      expect(response.cards).toHaveLength(2);
      expect(response.cards[0].link.passageId).toBe(response.hits[0].passageId);
      expect(q.relevant.some((s: string) => response.hits[0].text.includes(s))).toBe(true);
      expect(response.hits[0].rank).toBe(1);
    }
  });

  it('ask prints readable hits with the best sentence marked when piped', async () => {
    const r = await cli(['ask', 'Is Abe willing to meet Kim Jong-un?', '--index', index, '-k', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^1\. Tokyo seeks peace treaty/);
    expect(r.stdout).toContain('TOKYO · January 28, 2019 · TASS');
    expect(r.stdout).toMatch(/\*\*[^*]*Kim Jong-un[^*]*\*\*/);
    expect(r.stdout).not.toContain('\x1b[');
  });

  it('ask is compact by default, pages with --page, and prints --explain, --md, --csv and --files', async () => {
    const q = 'what did Abe say about the Kurils';
    const compact = await cli(['ask', q, '--index', index]);
    expect(compact.code, compact.stderr).toBe(0);
    // One block per article, titles not repeated, no scores, snippets not whole passages.
    const titles = compact.stdout.split('\n').filter((l) => /^\d+\. /.test(l));
    expect(titles).toHaveLength(2);
    expect(compact.stdout).not.toMatch(/score|cosine|lexical #/);
    for (const line of compact.stdout.split('\n').filter((l) => l.startsWith('   ') && !l.includes(' · ')))
      expect(line.replaceAll('**', '').length).toBeLessThanOrEqual(3 + 242);
    expect(compact.stdout).toMatch(/^2 articles · /m);
    const second = await cli(['ask', q, '--index', index, '-k', '1', '--page', '2']);
    expect(second.stdout).toMatch(/^2\. /m);
    expect(second.stdout).toContain(titles[1]?.slice(3) ?? 'missing');
    const explain = await cli(['ask', q, '--index', index, '--explain', '-k', '1']);
    expect(explain.stdout).toMatch(/score \d\.\d{3}, relevance \d\.\d{3}, cosine/);
    const md = await cli(['ask', q, '--index', index, '--md']);
    expect(md.stdout).toMatch(/^# what did Abe say about the Kurils\n/);
    expect(md.stdout).toMatch(/\n## 1\. /);
    expect(md.stdout).toMatch(/\n> .*\*\*Kuril/);
    const csv = await cli(['ask', q, '--index', index, '--csv']);
    const rows = csv.stdout.trim().split('\r\n');
    expect(rows[0]).toBe(
      'rank,articleId,title,titleDerived,relevance,place,date,source,collection,url,passageId,snippet',
    );
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatch(/^1,[^,]+,/);
    const files = await cli(['ask', q, '--index', index, '--files']);
    expect(files.stdout.trim().split('\n').sort()).toEqual([
      'seeds/000_49243b7414c43ba9',
      'seeds/001_5b0540494f67e9be',
    ]);
    const nonsense = await cli(['ask', 'zxqvbn flurbok quaggle', '--index', index]);
    expect(nonsense.stdout).toMatch(/^No good match; closest:/);
  });

  it('ask says once, on stderr, which filter left nothing, and exits 1', async () => {
    const r = await cli(['ask', 'Kurils', '--from', '2030', '--index', index]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/the filter --from 2030 left nothing/);
  });

  it('ask names the option when -k or --page is out of range', async () => {
    const k = await cli(['ask', 'Kurils', '-k', '0', '--index', index]);
    expect(k.code).not.toBe(0);
    expect(k.stderr).toMatch(/k must be from 1 to 50, got 0/);
    const page = await cli(['ask', 'Kurils', '--page', '0', '--index', index]);
    expect(page.stderr).toMatch(/page must be 1 or more, got 0/);
  });

  it('ask never builds an index as a side effect: it says to run ingest', async () => {
    const fresh = join(tmp.dir, 'fresh');
    const r = await cli(['ask', 'alliance with the United States', '--index', fresh, '--json', '-k', '1']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/No index in .*fresh; build one with "semsearch ingest/);
    expect(existsSync(join(fresh, 'semsearch.db'))).toBe(false);
  });

  it('without --index the index is the per-user data folder, shown by stats', async () => {
    const dataHome = join(tmp.dir, 'xdg-data');
    const env = { XDG_DATA_HOME: dataHome, SEMSEARCH_INDEX: '' };
    const elsewhere = join(tmp.dir, 'some-folder');
    mkdirSync(elsewhere, { recursive: true });
    const ask = await cli(['ask', 'Abe'], env);
    expect(ask.code).toBe(1);
    expect(ask.stderr).toContain(join(dataHome, 'semsearch', 'index'));
    const ingest = await cli(['ingest', join(SEEDS, '000_49243b7414c43ba9.txt'), '--json'], env);
    expect(ingest.code, ingest.stderr).toBe(0);
    const stats = await cli(['stats'], env);
    expect(stats.stdout).toContain(`index:      ${join(dataHome, 'semsearch', 'index')}`);
    expect(stats.stdout).toMatch(/articles:\s+1\n/);
  });

  it('stats --json and --help for every command', async () => {
    const stats = JSON.parse((await cli(['stats', '--index', index, '--json'])).stdout);
    expect(stats).toMatchObject({
      articles: 2,
      passages: 14,
      model: { modelId: 'sentence-transformers/all-MiniLM-L6-v2', dimension: 384 },
    });
    for (const command of ['ingest', 'ask', 'serve', 'mcp', 'stats', 'eval', 'model']) {
      const r = await cli([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: semsearch ${command}`);
    }
    const top = await cli(['--help']);
    expect(top.stdout).toMatch(/Commands:[\s\S]*ingest[\s\S]*ask[\s\S]*serve/);
  });

  it('bad usage exits 2; errors exit 1 with one clear line', async () => {
    expect((await cli(['ask', 'x', '--bogus'])).code).toBe(2);
    expect((await cli(['ask', 'x', '--mode', 'fuzzy'])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
    for (const bad of ['yesterday', '2019-13-45']) {
      const r = await cli(['ask', 'x', '--index', index, '--from', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toContain('is not an ISO date');
    }
    expect((await cli(['ask', 'x', '--index', index, '--to', '2019-02-30'])).code).toBe(2);
    expect(
      (await cli(['ask', 'Abe', '--index', index, '--from', '2018', '--to', '2018-01', '--json'])).code,
    ).toBe(0);
    const missing = await cli(['stats', '--index', join(tmp.dir, 'does-not-exist')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/No index in .*does-not-exist; build one with "semsearch ingest/);
    const other = await cli(['ask', 'x', '--index', index, '--model', 'Xenova/bge-small-en-v1.5']);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/was built with sentence-transformers\/all-MiniLM-L6-v2/);
  });

  it('ingest reports unreadable files and corrupt jsonl lines by name and line, and keeps the rest', async () => {
    const dir = join(tmp.dir, 'mixed');
    cpSync(join(FIXTURES, 'formats'), dir, { recursive: true });
    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, 'Secret title\n\nSecret text.\n');
    chmodSync(secret, 0o000);
    const r = await cli(['ingest', dir, '--index', join(tmp.dir, 'mixed-index'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(r.stderr).toMatch(/records\.jsonl:3: .*not valid JSON/);
    // The location once, not "records.jsonl:3: records.jsonl:3: …".
    expect(r.stderr).not.toMatch(/records\.jsonl:3: .*records\.jsonl:3/);
    expect(r.stderr).toMatch(/image\.txt: .*binary/);
    expect(r.stderr).toMatch(/latin1\.txt .*not valid UTF-8/);
    // Root can read anything; elsewhere the unreadable file is reported too.
    const rootUser = process.getuid?.() === 0;
    expect(summary.articlesNew).toBe(rootUser ? 8 : 7);
    if (!rootUser) expect(r.stderr).toMatch(/secret\.txt: cannot be read/);
    const ids = JSON.parse(
      (await cli(['ask', 'rail link', '--index', join(tmp.dir, 'mixed-index'), '--json', '-k', '1'])).stdout,
    ).hits[0].articleId;
    // A record keeps its own id behind the collection (the folder's name by default).
    expect(ids).toBe('mixed/rec-2');
  });

  it('ingest exits 1 with a clear line when nothing usable was ingested', async () => {
    const missing = await cli([
      'ingest',
      join(tmp.dir, 'no-such-folder'),
      '--index',
      join(tmp.dir, 'empty-index'),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no-such-folder: no such file or folder/);
    expect(missing.stderr).toMatch(/nothing was ingested: all 1 input\(s\) were skipped/);
    const emptyDir = join(tmp.dir, 'empty-folder');
    mkdirSync(emptyDir);
    const empty = await cli(['ingest', emptyDir, '--index', join(tmp.dir, 'empty-index')]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/no \.txt \.md \.html \.json or \.jsonl files were found/);
    // Unchanged articles are usable: a second run over the seeds still exits 0.
    expect((await cli(['ingest', SEEDS, '--index', index])).code).toBe(0);
  });

  it('ask prints article text and titles with control characters neutralised', async () => {
    const dir = join(tmp.dir, 'escapes');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'evil.jsonl'),
      `${JSON.stringify({ id: 'evil', title: 'Title \u001b]0;pwned\u0007 here', text: 'Walrus colony \u001b[2J\u009b31m grew this year.' })}\n`,
    );
    const index2 = join(tmp.dir, 'escapes-index');
    expect((await cli(['ingest', dir, '--index', index2])).code).toBe(0);
    const r = await cli(['ask', 'walrus colony', '--index', index2, '-k', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Walrus colony');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
    expect(r.stdout).not.toMatch(/[\u001b\u0007\u009b]/);
    expect(r.stdout).toContain('\uFFFD[2J');
  });

  it('eval prints nDCG@10, MRR@10 and Recall@100 and writes a TREC run file', async () => {
    const dir = join(tmp.dir, 'eval');
    cpSync(join(FIXTURES, 'formats'), dir, { recursive: true });
    writeFileSync(
      join(dir, 'q.jsonl'),
      '{"id": "q1", "text": "rail link between cities"}\n{"id": "q2", "text": "grain exports"}\n',
    );
    writeFileSync(join(dir, 'qrels.tsv'), 'q1\trec-2\t1\nq2\trec-1\t2\n');
    const evalIndex = join(tmp.dir, 'eval-index');
    const runFile = join(dir, 'run.txt');
    const r = await cli([
      'eval',
      '--index',
      evalIndex,
      '--corpus',
      join(dir, 'records.jsonl'),
      '--queries',
      join(dir, 'q.jsonl'),
      '--qrels',
      join(dir, 'qrels.tsv'),
      '--run',
      runFile,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}');
    expect(result).toMatchObject({ queries: 2, ndcg10: 1, mrr10: 1, recall100: 1 });
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(runFile, 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^q1 Q0 rec-2 1 [\d.]+ semsearch$/);
  });
});
