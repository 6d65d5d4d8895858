/**
 * A connection whose search was shed is not read until its Retry-After has passed; other
 * connections are served meanwhile. No timing is asserted: the held request is checked not to
 * have reached the handler while a request on another connection was answered, with a hold far
 * longer than the test.
 */
import { Agent, createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { createAdmission } from '../../src/serve/http/admission.js';
import type { Env } from '../../src/serve/http/context.js';
import { holdConnection } from '../../src/serve/http/hold-connection.js';

const LONG_HOLD_MS = 600_000;

function fetchOn(agent: Agent, url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (res: IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

/** One connection per agent: its requests follow each other on it. */
const oneConnection = () => new Agent({ keepAlive: true, maxSockets: 1 });

const servers: Server[] = [];
const agents: Agent[] = [];
afterEach(async () => {
  for (const a of agents.splice(0)) a.destroy();
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('holding a connection', () => {
  it('leaves the next request on the connection unread; other connections are served', async () => {
    const seen: string[] = [];
    const held: boolean[] = [];
    const url = await listen(
      createServer((req, res) => {
        seen.push(req.url ?? '');
        if (req.url === '/shed') held.push(holdConnection(req.socket, LONG_HOLD_MS));
        res.end('ok');
      }),
    );
    const hostile = oneConnection();
    const other = oneConnection();
    agents.push(hostile, other);
    expect((await fetchOn(hostile, `${url}/shed`)).status).toBe(200);
    // If this fails, node:http no longer has the internals the hold uses (see hold-connection.ts).
    expect(held).toEqual([true]);
    const next = fetchOn(hostile, `${url}/again`);
    next.catch(() => undefined); // destroyed at the end of the test
    for (let i = 0; i < 3; i++) expect((await fetchOn(other, `${url}/health`)).body).toBe('ok');
    expect(seen).toEqual(['/shed', '/health', '/health', '/health']);
  });

  it('reads the connection again once the hold is over', async () => {
    const url = await listen(
      createServer((req, res) => {
        if (req.url === '/shed') holdConnection(req.socket, 20);
        res.end(req.url);
      }),
    );
    const agent = oneConnection();
    agents.push(agent);
    await fetchOn(agent, `${url}/shed`);
    expect((await fetchOn(agent, `${url}/again`)).body).toBe('/again');
  });
});

describe('search admission under @hono/node-server', () => {
  it("holds a shed search's connection, not the running search's nor /health's", async () => {
    const admission = createAdmission({ concurrent: 1, queue: 0 });
    const gates: Array<() => void> = [];
    let searches = 0;
    const app = new Hono<Env>();
    app.get('/search', admission.middleware, async (c) => {
      searches++;
      await new Promise<void>((resolve) => gates.push(resolve));
      return c.json({ ok: true });
    });
    app.get('/health', (c) => c.json({ status: 'ok' }));
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    servers.push(server);
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const [runner, hostile, probe] = [oneConnection(), oneConnection(), oneConnection()];
    agents.push(runner, hostile, probe);

    const running = fetchOn(runner, `${url}/search`);
    while (searches < 1) await new Promise((r) => setTimeout(r, 5));
    const shed = await fetchOn(hostile, `${url}/search`);
    expect(shed.status).toBe(503);
    // The slot is free again, but the shed connection's next search is not read yet.
    gates.shift()?.();
    expect((await running).status).toBe(200);
    const retried = fetchOn(hostile, `${url}/search`);
    retried.catch(() => undefined);
    expect((await fetchOn(probe, `${url}/health`)).status).toBe(200);
    // Sent before the /health request, on its own connection, and still not read.
    expect(searches).toBe(1);
    // The running search's connection was not held: its next search is read and runs.
    const again = fetchOn(runner, `${url}/search`);
    while (searches < 2) await new Promise((r) => setTimeout(r, 5));
    for (const g of gates.splice(0)) g();
    expect((await again).status).toBe(200);
    expect(searches).toBe(2);
    expect(admission.shed).toBe(1);
  });
});
