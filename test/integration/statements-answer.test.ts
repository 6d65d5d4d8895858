/**
 * "What did X say about Y" answered with the speaker's words, over the seeds with the real
 * model: the question the product is built around. Abe's words on the islands lead the Kuril
 * answer, labelled good; for China his reported words that relations "have returned to normal"
 * lead, and his words on the US alliance are not on the topic; a speaker the seeds do not quote
 * is said to be unquoted, and the ordinary search follows.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearchEngine, type SearchEngine } from '../../src/index.js';
import { ON_TOPIC } from '../../src/results/index.js';
import { type RunningServer, startHttpServer } from '../../src/serve/http/index.js';
import { CLI, SEEDS, tempDir } from '../helpers.js';

const run = promisify(execFile);

describe('statements answer questions about what someone said (real model, seeds)', () => {
  const tmp = tempDir();
  let engine: SearchEngine;
  let server: RunningServer;

  beforeAll(async () => {
    const writer = await createSearchEngine({ indexDir: tmp.dir, logLevel: 'silent' });
    await writer.ingestPaths([SEEDS]);
    await writer.close();
    server = await startHttpServer(
      { indexDir: tmp.dir, port: 0, logLevel: 'silent' },
      { handleSignals: false, log: () => {} },
    );
    engine = server.engine;
  }, 300_000);
  afterAll(async () => {
    await server?.close();
    tmp.cleanup();
  });

  it('the Kuril question leads with Abe’s own words on the islands, labelled good', async () => {
    const r = await engine.results({ query: 'what did Abe say about the Kurils' });
    expect(r.speaker).toMatchObject({ asked: 'Abe', matched: ['Shinzo Abe'], quotedIn: 2 });
    const first = r.statements?.[0];
    expect(first?.speaker).toBe('Shinzo Abe');
    expect(first?.text).toContain('Kunashir and Iturup');
    expect(r.match).toBe('good');
  });

  it('China: relations "have returned to normal" first; the US alliance is not on the topic', async () => {
    const r = await engine.results({ query: 'what did Abe say about China' });
    expect(r.statements?.[0]?.text).toContain('have returned to normal');
    expect(r.match).toBe('good');
    const alliance = r.statements?.filter((s) =>
      /alliance with the United States is the foundation|close cooperation with Washington/.test(s.text),
    );
    expect(alliance?.length).toBeGreaterThan(0);
    for (const s of alliance ?? []) expect(s.relevance).toBeLessThan(ON_TOPIC);
  });

  it('a speaker the articles do not quote is named as such, and the articles still come', async () => {
    const r = await engine.results({ query: 'what did Merkel say about the Kurils' });
    expect(r.speaker?.matched).toEqual([]);
    expect(r.statements ?? []).toEqual([]);
    expect(r.cards.length).toBeGreaterThan(0);
  });

  it('asked directly (quotes, GET /v1/statements, MCP find_statements): the speaker, a topic, a date range', async () => {
    const kurils = await engine.statements({ speaker: 'Abe', topic: 'Kurils' });
    expect(kurils.speaker.matched).toEqual(['Shinzo Abe']);
    expect(kurils.statements[0]?.text).toContain('Kunashir and Iturup');
    const since = await engine.statements({ speaker: 'Mr Abe', dateFrom: '2019-01-01', limit: 50 });
    expect(since.statements.length).toBeGreaterThan(3);
    expect(since.statements.every((st) => (st.date ?? '') >= '2019-01-01')).toBe(true);
    await expect(engine.statements({ speaker: ' ' })).rejects.toThrow(/Name a speaker/);

    const http = await fetch(`${server.url}/v1/statements?speaker=Abe&topic=China&k=2`);
    expect(http.status).toBe(200);
    const body = (await http.json()) as { statements: Array<{ text: string }> };
    expect(body.statements).toHaveLength(2);
    expect(body.statements[0]?.text).toContain('have returned to normal');
    expect((await fetch(`${server.url}/v1/statements?speaker=Abe&from=soon`)).status).toBe(400);

    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`)));
    try {
      const r = await client.callTool({
        name: 'find_statements',
        arguments: { speaker: 'Merkel', topic: 'Kurils' },
      });
      expect((r.content as Array<{ text: string }>)[0]?.text).toBe(
        'No one named Merkel is quoted in the articles found.',
      );
      const abe = await client.callTool({
        name: 'find_statements',
        arguments: { speaker: 'Abe', topic: 'Kurils', k: 1 },
      });
      expect((abe.content as Array<{ text: string }>)[0]?.text).toMatch(
        /^What Shinzo Abe said about Kurils:\n\n1\. “For example/,
      );
    } finally {
      await client.close();
    }
  });

  it('the speakers of the index: semsearch speakers, GET /v1/speakers and MCP list_speakers', async () => {
    const { stdout } = await run(
      process.execPath,
      [CLI, '--index', tmp.dir, 'speakers', '--json', '--limit', '3'],
      {
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    const list = JSON.parse(stdout) as { total: number; speakers: Array<Record<string, unknown>> };
    expect(list.speakers[0]).toMatchObject({
      name: 'Shinzo Abe',
      articles: 2,
      firstDate: '2018-01-22',
      lastDate: '2019-01-28',
    });
    expect(list.speakers.length).toBeLessThanOrEqual(3);
    const text = await run(process.execPath, [CLI, '--index', tmp.dir, 'speakers'], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(text.stdout).toMatch(/^Shinzo Abe, .*statements in 2 articles · 2018-01-22 – 2019-01-28$/m);

    const http = await fetch(`${server.url}/v1/speakers?limit=1&from=2019-01-01`);
    expect(http.status).toBe(200);
    const body = (await http.json()) as { speakers: Array<{ name: string; articles: number }> };
    expect(body.speakers).toEqual([expect.objectContaining({ name: 'Shinzo Abe', articles: 1 })]);
    expect((await fetch(`${server.url}/v1/speakers?limit=0`)).status).toBe(400);
    expect((await fetch(`${server.url}/v1/speakers?from=soon`)).status).toBe(400);
    const spec = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(spec.paths)).toContain('/v1/speakers');

    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`)));
    try {
      const r = await client.callTool({ name: 'list_speakers', arguments: { limit: 2 } });
      expect((r.content as Array<{ text: string }>)[0]?.text).toMatch(
        /^(?:1 person|\d+ people) quoted; the most quoted:\n\n1\. Shinzo Abe/,
      );
    } finally {
      await client.close();
    }
  });
});
