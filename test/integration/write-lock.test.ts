/**
 * One writer per index, held against a real second process: a live lock holder is a clear
 * error, a dead or recycled one is taken over. The engine and store suites' lock cases, here
 * because they start a process to hold the lock (the unit tier starts none).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, openEmbeddedBackend } from '../../src/backends/embedded/index.js';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { createSearchEngine } from '../../src/index.js';
import { eventually, FIXTURES, SEEDS, tempDir } from '../helpers.js';

let tmp: ReturnType<typeof tempDir>;
let articlesDir: string;
let indexDir: string;
beforeEach(() => {
  tmp = tempDir();
  articlesDir = join(tmp.dir, 'articles');
  indexDir = join(tmp.dir, 'index');
  cpSync(SEEDS, articlesDir, { recursive: true });
  cpSync(join(FIXTURES, 'formats', 'notes.md'), join(articlesDir, 'notes.md'));
});
afterEach(() => tmp.cleanup());

describe.each(['hnsw', 'exact'] as const)('engine on SQLite + %s vectors (fake embedder)', (vectors) => {
  const open = (log: string[] = []) =>
    createSearchEngine({
      indexDir,
      embedder: createFakeEmbedder(),
      log: (l) => log.push(l),
      ...openEmbeddedBackend({ dir: indexDir, vectors, log: (l) => log.push(l) }),
    });

  it('allows one writer: a live lock holder is a clear error, a dead one is taken over', async () => {
    const engine = await open();
    await engine.ingestPaths([articlesDir]);
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(join(indexDir, LOCK_FILE), String(sleeper.pid));
      await expect(engine.ingestPaths([articlesDir])).rejects.toMatchObject({
        code: 'INDEX_LOCKED',
        message: expect.stringContaining(`pid ${sleeper.pid}`),
      });
      // Reading still works while another process holds the write lock.
      expect((await engine.search({ query: 'Kuril', mode: 'lexical' })).hits.length).toBeGreaterThan(0);
    } finally {
      sleeper.kill('SIGKILL');
    }
    await new Promise((r) => sleeper.once('exit', r));
    const summary = await engine.ingestPaths([articlesDir]);
    expect(summary.articlesUnchanged).toBe(3);
    await engine.close();
  });
});

describe('store safety', () => {
  const open = (log: string[] = []) =>
    createSearchEngine({ indexDir, embedder: createFakeEmbedder(), log: (l) => log.push(l) });

  it('takes over a lock whose pid was recycled, and keeps a live holder out', async () => {
    const engine = await open();
    await engine.ingestPaths([articlesDir]);
    // pid 1 is alive (init), but it is not the process that wrote this lock.
    writeFileSync(join(indexDir, LOCK_FILE), JSON.stringify({ pid: 1, started: '1', token: 'x' }));
    expect((await engine.ingestPaths([articlesDir])).articlesUnchanged).toBe(3);
    expect(existsSync(join(indexDir, LOCK_FILE))).toBe(false);
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    await new Promise((r) => sleeper.once('spawn', r));
    try {
      const { processStartTime } = await import('../../src/backends/embedded/write-lock.js');
      const started = processStartTime(sleeper.pid as number);
      writeFileSync(join(indexDir, LOCK_FILE), JSON.stringify({ pid: sleeper.pid, started, token: 'y' }));
      await expect(engine.ingestPaths([articlesDir])).rejects.toMatchObject({ code: 'INDEX_LOCKED' });
    } finally {
      sleeper.kill('SIGKILL');
    }
    await engine.close();
  });

  it('takes over a lock whose writer was killed and is left a zombie (not reaped by its parent)', async () => {
    const engine = await open();
    await engine.ingestPaths([articlesDir]);
    // `sleep 0` exits at once; its parent becomes `sleep 60` (exec), which never reaps it.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 60']);
    try {
      const zombie = Number(
        await new Promise<string>((resolve) => parent.stdout.once('data', (d: Buffer) => resolve(String(d)))),
      );
      const { processStartTime } = await import('../../src/backends/embedded/write-lock.js');
      const state = () => readFileSync(`/proc/${zombie}/stat`, 'utf8').split(') ')[1]?.[0];
      await eventually(() => expect(state()).toBe('Z'));
      const started = processStartTime(zombie);
      writeFileSync(join(indexDir, LOCK_FILE), JSON.stringify({ pid: zombie, started, token: 'z' }));
      expect((await engine.ingestPaths([articlesDir])).articlesUnchanged).toBe(3);
      expect(existsSync(join(indexDir, LOCK_FILE))).toBe(false);
    } finally {
      parent.kill('SIGKILL');
    }
    await engine.close();
  });
});
