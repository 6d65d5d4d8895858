/** Shared test helpers: fixture paths, temp folders, the seed questions, waiting for a condition. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';

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

/**
 * How long a test waits for something that happens by itself (a watcher's batch, a server's
 * first line, a page's results): a guard against hanging, far above what a loaded 2-core
 * machine needs, and no measure of speed (that is the benchmarks' job).
 */
export const PATIENCE_MS = 10 * 60_000;

/** Retry `check` every `intervalMs` until it passes; after PATIENCE_MS its last failure is thrown. */
export async function eventually<T>(check: () => T | Promise<T>, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + PATIENCE_MS;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}

/** Pages of `browser` wait PATIENCE_MS for navigations, selectors and actions (Playwright: 30 s). */
export function patient(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  // Browser.newPage opens its page's context through newContext too.
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.setDefaultTimeout(PATIENCE_MS);
    return context;
  };
  return browser;
}
