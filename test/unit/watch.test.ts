/**
 * The folder watcher in-process with the fake embedder (the model is not the point here): a
 * burst of files goes in as one batch, a folder that vanishes keeps its articles and is caught
 * up when it returns, and files deleted while nobody watched are removed on the next start.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/backends/embedded/index.js';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { createSearchEngine, type SearchEngine } from '../../src/index.js';
import { readSourceStatus } from '../../src/subscriptions/index.js';
import { createFolderWatcher } from '../../src/watch/index.js';
import { eventually, tempDir } from '../helpers.js';

describe('folder watcher', () => {
  let tmp: ReturnType<typeof tempDir>;
  let engine: SearchEngine;
  let root: string;
  const logs: string[] = [];

  beforeEach(async () => {
    tmp = tempDir();
    root = join(tmp.dir, 'desk');
    mkdirSync(root);
    logs.length = 0;
    engine = await createSearchEngine({
      indexDir: join(tmp.dir, 'index'),
      embedder: createFakeEmbedder(),
      logLevel: 'silent',
    });
  });
  afterEach(async () => {
    await engine.close();
    tmp.cleanup();
  });

  const write = (rel: string, title: string) =>
    writeFileSync(join(root, rel), `# ${title}\n\nStory about ${title}.\n`);

  it('a burst of files is ingested in few batches, with progress in the log', async () => {
    const watcher = await createFolderWatcher({ engine, path: root, log: (l) => logs.push(l) });
    mkdirSync(join(root, 'wire'));
    for (let i = 0; i < 400; i++) write(`wire/story-${i}.md`, `story number ${i}`);
    await eventually(async () => expect((await engine.stats()).articles).toBe(400));
    await watcher.idle();
    const batches = logs.filter((l) => /^desk: \d+ new, \d+ changed, \d+ removed/.test(l));
    expect(batches.length).toBeGreaterThanOrEqual(1);
    expect(batches.length).toBeLessThan(10);
    expect(logs.some((l) => /^desk: ingesting a batch of \d+ articles$/.test(l))).toBe(true);
    expect((await engine.getArticle('desk/wire/story-7'))?.metadata.collection).toBe('desk');
    await watcher.stop();
    expect(readSourceStatus(join(tmp.dir, 'index'))[0]).toMatchObject({
      kind: 'folder',
      collection: 'desk',
      articles: 400,
    });
  });

  it('a folder that disappears keeps its articles, and is caught up when it comes back', async () => {
    write('a.md', 'alpha');
    write('b.md', 'beta');
    const watcher = await createFolderWatcher({
      engine,
      path: root,
      collection: 'inbox',
      log: (l) => logs.push(l),
    });
    await eventually(async () => expect((await engine.stats()).articles).toBe(2));
    rmSync(root, { recursive: true });
    await eventually(() => expect(logs.some((l) => l.includes('disappeared'))).toBe(true));
    await watcher.idle();
    expect((await engine.stats()).articles).toBe(2);
    mkdirSync(root);
    write('b.md', 'beta returns');
    write('c.md', 'gamma');
    await eventually(async () => {
      expect(await engine.getArticle('inbox/a')).toBeUndefined();
      expect((await engine.getArticle('inbox/b'))?.text).toContain('beta returns');
      expect(await engine.getArticle('inbox/c')).toBeDefined();
    });
    write('d.md', 'delta');
    await eventually(async () => expect(await engine.getArticle('inbox/d')).toBeDefined());
    await watcher.stop();
  });

  it('files deleted or added while nobody watched are settled on the next start', async () => {
    write('keep.md', 'kept');
    write('gone.md', 'removed later');
    let watcher = await createFolderWatcher({ engine, path: root, log: (l) => logs.push(l) });
    await eventually(async () => expect((await engine.stats()).articles).toBe(2));
    await watcher.stop();
    rmSync(join(root, 'gone.md'));
    write('new.md', 'added while stopped');
    watcher = await createFolderWatcher({ engine, path: root, log: (l) => logs.push(l) });
    await eventually(async () => {
      expect(await engine.getArticle('desk/gone')).toBeUndefined();
      expect(await engine.getArticle('desk/new')).toBeDefined();
    });
    expect((await engine.stats()).articles).toBe(2);
    await watcher.stop();
  });

  it('a batch that cannot be written (index locked by another process) is retried, not lost', async () => {
    const watcher = await createFolderWatcher({ engine, path: root, log: (l) => logs.push(l) });
    await watcher.idle();
    // Another live process (our parent) holds the write lock.
    const lock = join(tmp.dir, 'index', LOCK_FILE);
    writeFileSync(lock, String(process.ppid));
    write('late.md', 'written while locked');
    await eventually(() => expect(logs.some((l) => l.includes('the batch failed'))).toBe(true));
    expect(await engine.getArticle('desk/late')).toBeUndefined();
    rmSync(lock);
    await eventually(async () => expect(await engine.getArticle('desk/late')).toBeDefined());
    expect(readSourceStatus(join(tmp.dir, 'index'))[0]?.errors).toBeGreaterThanOrEqual(1);
    await watcher.stop();
  });

  it('makes the ids ingest makes: collection/path without the extension, collection/record-id', async () => {
    write('a.md', 'alpha');
    writeFileSync(
      join(root, 'wire.jsonl'),
      `${JSON.stringify({ id: 'r1', title: 'Record one', text: 'Text of record one.' })}\n`,
    );
    const watcher = await createFolderWatcher({ engine, path: root, log: (l) => logs.push(l) });
    await watcher.idle();
    expect((await engine.articleIds()).sort()).toEqual(['desk/a', 'desk/r1']);
    expect((await engine.getArticle('desk/a'))?.collection).toBe('desk');
    await watcher.stop();
  });

  it("applies the folder's metadata sidecar as ingest does, and again when it changes", async () => {
    const story = 'TOKYO, January 22. /TASS/. The prime minister spoke about the islands.\n';
    writeFileSync(join(root, 'story.txt'), `Island talks\n\n${story}`);
    const sidecar = (date: string) =>
      writeFileSync(
        join(root, 'semsearch.meta.json'),
        JSON.stringify({ 'story.txt': { date, topic: 'Japan' } }),
      );
    sidecar('2018-01-22');
    const watcher = await createFolderWatcher({ engine, path: root, log: (l) => logs.push(l) });
    await watcher.idle();
    const ingested = join(tmp.dir, 'ingested');
    const other = await createSearchEngine({
      indexDir: ingested,
      embedder: createFakeEmbedder(),
      logLevel: 'silent',
    });
    await other.ingestPaths([root], { collection: 'desk' });
    const byIngest = await other.getArticle('desk/story');
    await other.close();
    expect(await engine.articleIds()).toEqual(['desk/story']);
    const watched = await engine.getArticle('desk/story');
    expect(watched).toMatchObject({ date: '2018-01-22', metadata: { topic: 'Japan' } });
    expect(watched?.contentHash).toBe(byIngest?.contentHash);
    sidecar('2017-01-22');
    await eventually(async () => expect((await engine.getArticle('desk/story'))?.date).toBe('2017-01-22'));
    expect(await engine.articleIds()).toEqual(['desk/story']);
    await watcher.stop();
  });

  it('a watched record cannot replace or delete an article of another collection', async () => {
    const seeds = join(tmp.dir, 'seeds');
    mkdirSync(seeds);
    writeFileSync(join(seeds, 'story.md'), '# Seed story\n\nThe original seed text.\n');
    await engine.ingestPaths([seeds], { collection: 'seeds' });
    const record = { id: 'seeds/story', title: 'Forged', text: 'Replaced by a watched record.' };
    writeFileSync(join(root, 'forged.jsonl'), `${JSON.stringify(record)}\n`);
    const watcher = await createFolderWatcher({ engine, path: root, log: (l) => logs.push(l) });
    await watcher.idle();
    expect((await engine.getArticle('seeds/story'))?.text).toContain('The original seed text.');
    expect(await engine.getArticle('desk/seeds/story')).toBeDefined();
    rmSync(join(root, 'forged.jsonl'));
    await eventually(async () => expect(await engine.getArticle('desk/seeds/story')).toBeUndefined());
    expect(await engine.getArticle('seeds/story')).toBeDefined();
    await watcher.stop();
  });

  it('keeps the records of a .jsonl while one of its lines is broken', async () => {
    const lines = [1, 2, 3].map((i) =>
      JSON.stringify({ id: `r${i}`, title: `Record ${i}`, text: `Text ${i}.` }),
    );
    const file = join(root, 'wire.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const watcher = await createFolderWatcher({ engine, path: root, log: (l) => logs.push(l) });
    await eventually(async () => expect((await engine.stats()).articles).toBe(3));
    writeFileSync(file, `${[lines[0], '{"id": "r2", "title": broken', lines[2]].join('\n')}\n`);
    await eventually(() => expect(logs.some((l) => l.includes('wire.jsonl:2'))).toBe(true));
    await watcher.idle();
    expect(await engine.getArticle('desk/r2')).toBeDefined();
    // Once the file is whole again, a record really gone from it is removed.
    writeFileSync(file, `${[lines[0], lines[2]].join('\n')}\n`);
    await eventually(async () => expect(await engine.getArticle('desk/r2')).toBeUndefined());
    expect((await engine.stats()).articles).toBe(2);
    await watcher.stop();
  });

  it('refuses symbolic links, saying which, as ingest does', async () => {
    const outside = join(tmp.dir, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret.txt'), 'The secret outside the watched folder.\n');
    mkdirSync(join(outside, 'dir'));
    writeFileSync(join(outside, 'dir', 'also.txt'), 'Another secret, one folder down.\n');
    symlinkSync(join(outside, 'secret.txt'), join(root, 'leak.txt'));
    symlinkSync(join(outside, 'dir'), join(root, 'linked'));
    write('a.md', 'alpha');
    const watcher = await createFolderWatcher({ engine, path: root, log: (l) => logs.push(l) });
    await watcher.idle();
    symlinkSync(join(outside, 'secret.txt'), join(root, 'later.txt'));
    await eventually(() => expect(logs.some((l) => l.includes('later.txt'))).toBe(true));
    await watcher.idle();
    expect(await engine.articleIds()).toEqual(['desk/a']);
    expect(logs.some((l) => l.includes('leak.txt') && l.includes('symbolic link'))).toBe(true);
    expect(logs.some((l) => l.includes('later.txt') && l.includes('symbolic link'))).toBe(true);
    await watcher.stop();
  });

  it('refuses a path that is not a folder', async () => {
    await expect(createFolderWatcher({ engine, path: join(root, 'missing') })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
