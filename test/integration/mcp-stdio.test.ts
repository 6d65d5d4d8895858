/** `semsearch mcp` over stdio against an over-long message: an error answer, and it keeps serving. */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearchEngine } from '../../src/index.js';
import { CLI, SEEDS, tempDir } from '../helpers.js';

describe('MCP stdio message size', () => {
  const tmp = tempDir();
  beforeAll(async () => {
    const engine = await createSearchEngine({ indexDir: tmp.dir, logLevel: 'silent' });
    await engine.ingestPaths([SEEDS]);
    await engine.close();
  });
  afterAll(() => tmp.cleanup());

  it('a message over 10 MiB, a broken line and a non-JSON-RPC line are answered with JSON-RPC errors; the next request still works', async () => {
    const child = spawn(process.execPath, [CLI, 'mcp', '--index', tmp.dir], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const replies: Array<Record<string, unknown>> = [];
    const waitForReplies = (n: number) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (replies.length >= n) resolve();
        };
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
          let nl = stdout.indexOf('\n');
          while (nl >= 0) {
            replies.push(JSON.parse(stdout.slice(0, nl)) as Record<string, unknown>);
            stdout = stdout.slice(nl + 1);
            nl = stdout.indexOf('\n');
          }
          check();
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
        check();
      });
    const send = (message: unknown) => child.stdin.write(`${JSON.stringify(message)}\n`);
    const all = waitForReplies(5);
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
    });
    const huge = JSON.stringify({
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'search_articles', arguments: { query: 'x'.repeat(11 * 1024 * 1024) } },
    });
    child.stdin.write(`${huge}\n`);
    child.stdin.write('{"jsonrpc":"2.0","id":9,"method":\n'); // a broken line
    child.stdin.write('{"not":"json-rpc"}\n');
    send({ jsonrpc: '2.0', id: 3, method: 'tools/list' });
    await all;
    const errors = replies.filter((r) => r.id === null) as Array<{
      error: { code: number; message: string };
    }>;
    expect(errors.map((e) => e.error.code)).toEqual([-32600, -32700, -32600]);
    expect(errors[0]?.error.message).toMatch(/over the 10485760-byte limit/);
    expect(errors[1]?.error.message).toMatch(/Parse error/);
    const list = replies.find((r) => r.id === 3) as { result: { tools: Array<{ name: string }> } };
    expect(list.result.tools.map((t) => t.name).sort()).toEqual([
      'find_statements',
      'get_article',
      'list_collections',
      'list_speakers',
      'search_articles',
    ]);
    expect(child.exitCode).toBeNull();
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.stdin.end();
    expect(await exited).toBe(0);
  });
});
