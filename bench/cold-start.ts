/**
 * `npm run bench:cold`: how long a new `semsearch ask` process takes on the seeds, wall clock,
 * median of 5 runs after one warm-up (files in the page cache), and where the time goes.
 *
 *   npm run bench:cold -- [--runs 5] [--question "..."]
 *
 * CPU time (user + system, all threads) is shown beside the wall clock. The parts are separate
 * new processes, each the median of the same number of runs: bare Node, `semsearch --version`
 * (the CLI and library modules, no model), and an in-process split of an ask into library
 * import, engine open, the first search (which loads the model) and a second one. It runs the
 * built CLI (bin/ loads dist/), so run `npm run build` first.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fmt, percentile, ROOT } from './lib.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    question: { type: 'string', default: 'what did Abe say about the Kurils' },
  },
});
const RUNS = Number(values.runs);
const QUESTION = values.question as string;
const BIN = join(ROOT, 'bin', 'semsearch.js');

if (!existsSync(join(ROOT, 'dist', 'serve', 'cli', 'main.js'))) {
  console.error('cold-start: dist/ is missing; run "npm run build" first.');
  process.exit(1);
}

// Reports the process's CPU time (all threads, user + system) on stderr as it exits: on a shared
// machine the wall clock mostly measures the other tenants, CPU time much less so.
const CPU_PROBE = `data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process._rawDebug('cpu-ms '+(u.user+u.system)/1000)})`;

/** Median wall time and CPU time (ms) of `runs` new processes, after one unmeasured warm-up. */
function measure(args: string[], runs = RUNS): { wall: number; cpu: number } {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--import', CPU_PROBE, ...args], { cwd: ROOT, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${r.stderr}`);
    if (i === 0) continue;
    walls.push(ms);
    cpus.push(Number(/cpu-ms ([\d.]+)/.exec(r.stderr)?.[1] ?? Number.NaN));
  }
  return { wall: percentile(walls, 50), cpu: percentile(cpus, 50) };
}

// The in-process split: the same steps `ask` takes, with a clock between them.
const SPLIT = `
const t0 = performance.now();
const lib = await import(${JSON.stringify(join(ROOT, 'dist', 'index.js'))});
const t1 = performance.now();
const engine = await lib.createSearchEngine({ indexDir: process.argv[1], mustExist: true });
const t2 = performance.now();
await engine.search({ query: process.argv[2], k: 5 });
const t3 = performance.now();
await engine.search({ query: process.argv[2], k: 5 });
const t4 = performance.now();
await engine.close();
console.log(JSON.stringify({ import: t1 - t0, open: t2 - t1, first: t3 - t2, warm: t4 - t3 }));
`;

function splitMs(index: string): Record<string, number> {
  const parts: Record<string, number[]> = {};
  for (let i = 0; i <= RUNS; i++) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', SPLIT, index, QUESTION], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (i === 0) continue;
    for (const [k, v] of Object.entries(JSON.parse(out) as Record<string, number>)) {
      parts[k] = [...(parts[k] ?? []), v];
    }
  }
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, percentile(v, 50)]));
}

const dir = mkdtempSync(join(tmpdir(), 'semsearch-cold-'));
try {
  const index = join(dir, 'index');
  execFileSync(process.execPath, [BIN, '--index', index, 'ingest', 'seeds', '--quiet'], { cwd: ROOT });
  const load = loadavg().map((l) => l.toFixed(2));
  const node = measure(['-e', '0']);
  const version = measure([BIN, '--version']);
  const ask = measure([BIN, '--index', index, 'ask', QUESTION]);
  const split = splitMs(index);
  const loadAfter = loadavg().map((l) => l.toFixed(2));
  const both = (m: { wall: number; cpu: number }) => `${fmt(m.wall, 0)} wall, ${fmt(m.cpu, 0)} CPU`;
  console.log(`Cold start on the seeds, median of ${RUNS} new processes (ms)`);
  console.log(`  semsearch ask "${QUESTION}": ${both(ask)}`);
  console.log(`  node -e 0: ${both(node)} · semsearch --version: ${both(version)}`);
  console.log(
    `  in process: import library ${fmt(split.import ?? 0, 0)} · open engine ${fmt(split.open ?? 0, 0)} · first search (loads the model) ${fmt(split.first ?? 0, 0)} · a second search ${fmt(split.warm ?? 0, 0)}`,
  );
  console.log(`  load average ${load.join(' ')} before, ${loadAfter.join(' ')} after`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
