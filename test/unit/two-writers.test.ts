/**
 * Two writers on one index (a server, `watch` or `follow` beside a CLI ingest): each one's
 * saved graph must hold every committed passage, its own and the other's. Two engines in one
 * test process stand for the two processes: each keeps its own in-memory graph and catch-up.
 */
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HNSW_FILE, loadHnswIndex } from '../../src/backends/embedded/index.js';
import { createFakeEmbedder } from '../../src/embed/index.js';
import { createSearchEngine, type SearchEngine } from '../../src/index.js';
import { SEEDS, tempDir } from '../helpers.js';

describe('two writers on one index', () => {
  let tmp: ReturnType<typeof tempDir>;
  let indexDir: string;
  const open = () => createSearchEngine({ indexDir, embedder: createFakeEmbedder(), log: () => {} });
  const article = (id: string, text: string) => ({
    id,
    title: id,
    text,
    metadata: {},
    paragraphs: [{ index: 0, start: 0, end: text.length }],
  });
  const withEngine = async <T>(fn: (engine: SearchEngine) => Promise<T>): Promise<T> => {
    const engine = await open();
    try {
      return await fn(engine);
    } finally {
      await engine.close();
    }
  };

  beforeEach(() => {
    tmp = tempDir();
    indexDir = join(tmp.dir, 'index');
    cpSync(SEEDS, join(tmp.dir, 'seeds'), { recursive: true });
  });
  afterEach(() => tmp.cleanup());

  /** Each passage's own text, searched densely: the ids of the hits, best first. */
  const denseAnswers = async (engine: SearchEngine): Promise<number[][]> => {
    const answers: number[][] = [];
    const { passages } = await engine.stats();
    for (let id = 1; id <= passages; id++) {
      const passage = await engine.getPassage(id);
      if (!passage) continue;
      const r = await engine.search({ query: passage.text.slice(0, 900), mode: 'dense', k: 3 });
      answers.push(r.hits.map((h) => h.passageId));
    }
    return answers;
  };

  it("saves a graph holding the other writer's passages as well as its own", async () => {
    const server = await open();
    await server.ingestPaths([join(tmp.dir, 'seeds')]);
    await server.ingestArticles([article('posted-1', 'The harbour froze over in the night.')]);
    await server.search({ query: 'harbour', mode: 'dense' }); // the server's graph is in memory

    const cli = await open();
    const records = join(tmp.dir, 'sci.jsonl');
    const topics = ['vitamin', 'rickets', 'sunlight', 'calcium', 'bones', 'winter', 'dairy', 'fish'];
    const lines = topics.map((topic, i) =>
      JSON.stringify({
        id: `r${i}`,
        title: `On ${topic}`,
        text: `A trial of ${topic} in ${topic} deficiency.`,
      }),
    );
    writeFileSync(records, `${lines.join('\n')}\n`);
    await cli.ingestPaths([records], { collection: 'sci' });
    await cli.close();

    // The server writes again without having searched since: its saved graph must still hold
    // every passage the CLI wrote.
    await server.ingestArticles([article('posted-2', 'Glaciers retreated up the valley.')]);
    await server.close();

    const saved = await open();
    const { passages } = await saved.stats();
    const fromSaved = await denseAnswers(saved);
    await saved.close();
    expect(fromSaved.length).toBe(passages);
    // Each passage's own text finds that passage first.
    expect(fromSaved.map((hits) => hits[0])).toEqual(Array.from({ length: passages }, (_, i) => i + 1));

    rmSync(join(indexDir, HNSW_FILE));
    rmSync(join(indexDir, `${HNSW_FILE}.json`));
    const rebuilt = await open();
    expect(await denseAnswers(rebuilt)).toEqual(fromSaved);
    await rebuilt.close();
  });

  it('heals a saved graph that lacks committed passages although its sidecar names the last commit', async () => {
    await withEngine((e) => e.ingestPaths([join(tmp.dir, 'seeds')]));
    await withEngine((e) => e.ingestArticles([article('lost', 'A passage the graph never saw.')]));
    const lost = await withEngine(async (e) => (await e.getArticle('lost'))?.passageCount ?? 0);
    const { passages } = await withEngine((e) => e.stats());
    expect(lost).toBeGreaterThan(0);
    // What the old writer left behind: a graph without the passages another process had
    // committed, saved with the lineage of the latest commit.
    const path = join(indexDir, HNSW_FILE);
    const loaded = loadHnswIndex(path, { dimension: createFakeEmbedder().info.dimension });
    if (loaded.status !== 'loaded') throw new Error(loaded.status);
    for (let id = passages; id > passages - lost; id--) loaded.index.remove(id);
    await loaded.index.save(path, loaded.lineage);

    const log: string[] = [];
    const reopened = await createSearchEngine({
      indexDir,
      embedder: createFakeEmbedder(),
      log: (l) => log.push(l),
    });
    const r = await reopened.search({ query: 'A passage the graph never saw.', mode: 'dense', k: 1 });
    expect(r.hits[0]?.articleId).toBe('lost');
    expect(log.join('\n')).toMatch(/rebuilding/);
    await reopened.close();
  });
});
