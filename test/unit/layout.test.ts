/**
 * The shape of the code base: no file past 300 lines, and no import circle, neither between two
 * files nor between two folders (a folder's files together are one node; `backends/embedded`
 * and `backends/elasticsearch` are nodes of their own, the `backends` contracts another).
 * Type-only imports count: a circle of types is still a circle a reader has to untangle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const FILE_MAX_LINES = 300;
const SPEC = /(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function listSources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    // bench/node_modules holds the benchmark's own packages once it has run.
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listSources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The file an import names: `./x.js` is `./x.ts` (or `.tsx`), a folder is its index. */
function resolveImport(from: string, spec: string, known: ReadonlySet<string>): string | undefined {
  const base = normalize(join(dirname(from), spec));
  const stem = base.replace(/\.js$/, '');
  return [base, `${stem}.ts`, `${stem}.tsx`, `${base}/index.ts`].find((c) => known.has(c));
}

function importGraph(files: readonly string[]): Map<string, Set<string>> {
  const known = new Set(files);
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const targets = new Set<string>();
    for (const match of readFileSync(join(ROOT, file), 'utf8').matchAll(SPEC)) {
      const target = resolveImport(file, match[1] as string, known);
      if (target !== undefined && target !== file) targets.add(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** The folder node of a source file: `src/serve/http/routes/x.ts` → `serve/http`. */
function folderOf(file: string): string {
  const parts = relative('src', file).split('/');
  if (parts.length === 1) return parts[0] as string; // a top-level file is its own node
  const nested = parts[0] === 'serve' || parts[0] === 'backends';
  return nested && parts.length > 2 ? `${parts[0]}/${parts[1]}` : (parts[0] as string);
}

/** Every strongly connected component with more than one node (Tarjan). */
function circles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node) as number, low.get(to) as number));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node) as number, index.get(to) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('code layout', () => {
  const sources = listSources('src');
  const fileGraph = importGraph(sources);

  it(`keeps every source and bench file within ${FILE_MAX_LINES} lines`, () => {
    const long = [...sources, ...listSources('bench')]
      .map((file) => ({ file, lines: readFileSync(join(ROOT, file), 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > FILE_MAX_LINES);
    expect(long).toEqual([]);
  });

  it('has no import circle between files', () => {
    expect(circles(fileGraph)).toEqual([]);
  });

  it('has no import circle between folders', () => {
    const folderGraph = new Map<string, Set<string>>();
    for (const [file, targets] of fileGraph) {
      const from = folderOf(file);
      const edges = folderGraph.get(from) ?? new Set<string>();
      for (const target of targets) if (folderOf(target) !== from) edges.add(folderOf(target));
      folderGraph.set(from, edges);
    }
    expect(circles(folderGraph)).toEqual([]);
  });

  it('finds a circle when there is one (the check itself works)', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['a'])],
    ]);
    expect(circles(graph)).toEqual([['a', 'b', 'c']]);
    expect(folderOf('src/serve/http/routes/search.ts')).toBe('serve/http');
    expect(folderOf('src/backends/embedded/sqlite-store.ts')).toBe('backends/embedded');
    expect(folderOf('src/backends/chunk-store.ts')).toBe('backends');
    expect(folderOf('src/config.ts')).toBe('config.ts');
  });
});
