/** The command before a build: npm install runs no script, so bin says how to build instead of a stack trace. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';

describe('semsearch before npm run build', () => {
  it('exits 1 and says to run npm run build in its folder', () => {
    const tmp = tempDir();
    try {
      mkdirSync(join(tmp.dir, 'bin'));
      copyFileSync(
        fileURLToPath(new URL('../../bin/semsearch.js', import.meta.url)),
        join(tmp.dir, 'bin', 'semsearch.js'),
      );
      const run = spawnSync(process.execPath, [join(tmp.dir, 'bin', 'semsearch.js'), '--help'], {
        encoding: 'utf8',
      });
      const { status, stderr } = run;
      expect(status).toBe(1);
      expect(stderr).toContain('not built yet. Run `npm run build` in');
      expect(stderr).toContain(tmp.dir);
    } finally {
      tmp.cleanup();
    }
  });
});
