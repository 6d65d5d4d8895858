/** The CLI's command tree is importable without running it, one registered command per file. */
import { describe, expect, it } from 'vitest';
import { buildProgram, main } from '../../src/serve/cli/main.js';

describe('CLI program', () => {
  it('lists every command, and importing main runs nothing', () => {
    const names = buildProgram().commands.map((c) => c.name());
    expect(names).toEqual([
      'ingest',
      'ask',
      'quotes',
      'speakers',
      'serve',
      'mcp',
      'stats',
      'collections',
      'ls',
      'get',
      'rm',
      'eval',
      'model',
      'watch',
      'follow',
    ]);
    expect(
      buildProgram()
        .commands.find((c) => c.name() === 'ask')
        ?.aliases(),
    ).toEqual(['search', 'query']);
    expect(typeof main).toBe('function');
    expect(process.exitCode ?? 0).toBe(0);
  });

  it('main maps an unknown option to exit code 2', async () => {
    const write = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      await main(['node', 'semsearch', 'ask', '--bogus', 'q']);
    } finally {
      process.stderr.write = write;
    }
    expect(process.exitCode).toBe(2);
    process.exitCode = 0;
  });
});
