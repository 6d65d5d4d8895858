/**
 * SIGTERM during a long API write, on a real server process whose grace period for ordinary
 * requests (200 ms) is far shorter than the write: the write still finishes and commits, its
 * client gets the 200, and only then are the model and the database closed.
 */
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSearchEngine } from '../../src/index.js';
import { CLI, FIXTURES, ROOT, SEEDS, tempDir } from '../helpers.js';

const KEY = 'shutdown-key-0123456789';

describe('shutdown drains writes', () => {
  it('SIGTERM during a write longer than the grace period: the write commits and answers 200', async () => {
    const tmp = tempDir();
    try {
      const engine = await createSearchEngine({ indexDir: tmp.dir, logLevel: 'silent' });
      await engine.ingestPaths([SEEDS]);
      await engine.close();
      const script = `
        import { startHttpServer } from ${JSON.stringify(join(ROOT, 'dist', 'serve', 'http', 'index.js'))};
        await startHttpServer(
          { indexDir: ${JSON.stringify(tmp.dir)}, port: 0, apiKey: ${JSON.stringify(KEY)}, logLevel: 'debug' },
          { shutdownGraceMs: 200 },
        );`;
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let log = '';
      const waitFor = (pattern: RegExp) =>
        new Promise<RegExpExecArray>((resolve, reject) => {
          const check = () => {
            const m = pattern.exec(log);
            if (m) resolve(m);
          };
          child.stderr.on('data', (d: Buffer) => {
            log += d.toString();
            check();
          });
          child.once('exit', () => reject(new Error(log)));
          check();
        });
      const url = (await waitFor(/listening on (http:\/\/\S+)/))[1] as string;
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const records = readFileSync(join(FIXTURES, 'scifact-300.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .slice(0, 100)
        .map((l) => JSON.parse(l) as { id: string; title: string; text: string });
      const write = fetch(`${url}/v1/articles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
        body: JSON.stringify({
          articles: records.map((r) => ({ id: `sf-${r.id}`, title: r.title, text: r.text })),
        }),
      });
      await waitFor(/POST \/v1\/articles started/);
      child.kill('SIGTERM');
      const res = await write;
      expect(res.status, log).toBe(200);
      expect(((await res.json()) as { articlesNew: number }).articlesNew).toBe(100);
      expect(await exited).toBe(0);
      expect(log).toMatch(
        /SIGTERM: finishing[\s\S]*running write[\s\S]*POST \/v1\/articles 200[\s\S]*stopped/,
      );
      expect(log).not.toMatch(/internal error|disposed/i);
      const reopened = await createSearchEngine({ indexDir: tmp.dir, logLevel: 'silent' });
      expect((await reopened.stats()).articles).toBe(102);
      expect(await reopened.integrityCheck()).toBe('ok');
      await reopened.close();
    } finally {
      tmp.cleanup();
    }
  });
});

describe('serve on a busy port', () => {
  it('exits 1 at once, saying the port is in use, instead of living on with its engine', async () => {
    const tmp = tempDir();
    const blocker = createServer();
    try {
      const engine = await createSearchEngine({ indexDir: tmp.dir, logLevel: 'silent' });
      await engine.ingestPaths([SEEDS]);
      await engine.close();
      const port = await new Promise<number>((resolve) =>
        blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
      );
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [CLI, '--index', tmp.dir, 'serve', '--port', String(port)],
          // A hang guard only: before the fix the process never exited.
          { timeout: 10 * 60_000 },
          (error, _stdout, stderr) => resolve({ code: error ? (error.code as number | null) : 0, stderr }),
        );
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`port ${port} is in use; pick another with --port`);
    } finally {
      blocker.close();
      tmp.cleanup();
    }
  });
});
