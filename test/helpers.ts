/** Shared test helpers: fixture paths, temp folders, the seed questions. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const SEEDS = join(ROOT, 'seeds');
export const CLI = join(ROOT, 'bin', 'semsearch.js');

export interface SeedQuestion {
  q: string;
  relevant: string[];
  top1_must_be_relevant: boolean;
}

export function seedQuestions(): SeedQuestion[] {
  return readFileSync(join(FIXTURES, 'questions.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as SeedQuestion);
}

export function tempDir(prefix = 'semsearch-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
