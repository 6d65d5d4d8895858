/**
 * Near-copy detection on labelled BBC News pairs (test/fixtures/copy-pairs.jsonl: ids, a label
 * and the reason, judged by reading both articles): copies (a headline reworded, an ending cut,
 * paragraphs added or changed) and different reports on one topic or event. Needs the BBC
 * corpus (shared/datasets/bbc beside the repository); skipped without it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCopyFinder, sketchOf, textHash } from '../../src/copies/index.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CORPUS = [
  resolve(ROOT, '..', 'shared', 'datasets', 'bbc', 'corpus.jsonl'),
  resolve(ROOT, '..', '..', 'shared', 'datasets', 'bbc', 'corpus.jsonl'),
].find((p) => existsSync(p));

interface Pair {
  a: string;
  b: string;
  copy: boolean;
  reason: string;
}

const pairs = readFileSync(join(ROOT, 'test', 'fixtures', 'copy-pairs.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Pair);

describe.skipIf(!CORPUS)('near copies on labelled BBC pairs', () => {
  it('has at least 60 pairs, both labels well represented', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(60);
    expect(pairs.filter((p) => p.copy).length).toBeGreaterThanOrEqual(25);
    expect(pairs.filter((p) => !p.copy).length).toBeGreaterThanOrEqual(25);
  });

  it('precision ≥ 0.95 and recall ≥ 0.85 (the finder, banding included)', () => {
    const articles = new Map<string, { title: string; text: string }>();
    for (const line of readFileSync(CORPUS as string, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as { id: string; title: string; text: string };
      articles.set(r.id, r);
    }
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const wrong: string[] = [];
    for (const p of pairs) {
      const a = articles.get(p.a);
      const b = articles.get(p.b);
      if (!a || !b) throw new Error(`pair ${p.a} ${p.b}: not in the corpus`);
      const hashA = textHash(a.title, a.text);
      const finder = createCopyFinder([
        [p.a, { story: p.a, textHash: hashA, sketch: sketchOf(a.title, a.text) }],
      ]);
      const found = finder.find(p.b, textHash(b.title, b.text), sketchOf(b.title, b.text)) !== undefined;
      if (found && p.copy) tp++;
      else if (found) fp++;
      else if (p.copy) fn++;
      if (found !== p.copy) wrong.push(`${p.a} ${p.b} (${p.reason})`);
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    // Measured: precision 1.000, recall 0.933 (28 of 30 copies; the two missed are rewrites that
    // share under a third of their shingles).
    expect(precision, wrong.join('; ')).toBeGreaterThanOrEqual(0.95);
    expect(recall, wrong.join('; ')).toBeGreaterThanOrEqual(0.85);
  });
});
