/** Search admission: a few run, a short line waits, the rest are shed with 503 + Retry-After. */
import { EventEmitter } from 'node:events';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createAdmission } from '../../src/serve/http/admission.js';
import type { Env } from '../../src/serve/http/context.js';

/** An app whose one route waits until the test lets it finish. */
function harness(options: { concurrent: number; queue: number; maxWaitMs: number }) {
  const admission = createAdmission(options);
  const gates: Array<() => void> = [];
  let started = 0;
  const app = new Hono<Env>();
  app.get('/search', admission.middleware, async (c) => {
    started++;
    await new Promise<void>((resolve) => gates.push(resolve));
    return c.json({ ok: true });
  });
  app.get('/health', (c) => c.json({ status: 'ok' }));
  const settle = () => new Promise((r) => setTimeout(r, 5));
  return { admission, app, gates, started: () => started, settle };
}

describe('search admission', () => {
  it('runs up to its limit, queues the next, sheds past the queue with Retry-After', async () => {
    const h = harness({ concurrent: 2, queue: 1, maxWaitMs: 60_000 });
    const running = [h.app.request('/search'), h.app.request('/search')];
    const queued = h.app.request('/search');
    await h.settle();
    expect(h.started()).toBe(2);
    expect(h.admission.running).toBe(2);
    expect(h.admission.waiting).toBe(1);

    const shed = await h.app.request('/search');
    expect(shed.status).toBe(503);
    expect(shed.headers.get('retry-after')).toBe('1');
    const body = (await shed.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('OVERLOADED');
    expect(body.error.message).toMatch(/2 searches running, 1 waiting/);
    expect(h.admission.shed).toBe(1);

    // Routes without admission answer however busy searches are.
    expect((await h.app.request('/health')).status).toBe(200);

    // A finished search hands its slot to the one waiting, in order.
    h.gates.shift()?.();
    expect((await running[0])?.status).toBe(200);
    await h.settle();
    expect(h.started()).toBe(3);
    expect(h.admission.waiting).toBe(0);
    expect(h.admission.running).toBe(2);
    for (const g of h.gates.splice(0)) g();
    expect((await running[1])?.status).toBe(200);
    expect((await queued).status).toBe(200);
    expect(h.admission.running).toBe(0);
  });

  it('sheds a request that waited past maxWaitMs and frees its place in line', async () => {
    const h = harness({ concurrent: 1, queue: 4, maxWaitMs: 20 });
    const first = h.app.request('/search');
    const late = await h.app.request('/search');
    expect(late.status).toBe(503);
    expect(h.admission.waiting).toBe(0);
    expect(h.admission.shed).toBe(1);
    h.gates.shift()?.();
    expect((await first).status).toBe(200);
    // The slot is free again: the next search runs at once.
    const next = h.app.request('/search');
    await h.settle();
    expect(h.started()).toBe(2);
    h.gates.shift()?.();
    expect((await next).status).toBe(200);
  });

  it('frees the place in line of a client that closed its connection while waiting', async () => {
    const h = harness({ concurrent: 1, queue: 1, maxWaitMs: 60_000 });
    const first = h.app.request('/search');
    await h.settle();
    // A waiting request whose socket closes (a client that stopped) leaves the line.
    const socket = new EventEmitter();
    const left = h.app.request('/search', {}, { incoming: { socket } });
    await h.settle();
    expect(h.admission.waiting).toBe(1);
    socket.emit('close');
    expect((await left).status).toBe(503);
    expect(h.admission.waiting).toBe(0);
    expect(socket.listenerCount('close')).toBe(0);
    // Its place goes to the next client instead of shedding it; nothing counts as shed.
    const next = h.app.request('/search');
    await h.settle();
    expect(h.admission.waiting).toBe(1);
    expect(h.admission.shed).toBe(0);
    h.gates.shift()?.();
    expect((await first).status).toBe(200);
    await h.settle();
    expect(h.started()).toBe(2);
    h.gates.shift()?.();
    expect((await next).status).toBe(200);
    // A request admitted from the line keeps no listener of the line's on its socket.
    const busy = h.app.request('/search');
    await h.settle();
    const kept = new EventEmitter();
    const served = h.app.request('/search', {}, { incoming: { socket: kept } });
    await h.settle();
    expect(kept.listenerCount('close')).toBe(1);
    h.gates.shift()?.();
    expect((await busy).status).toBe(200);
    await h.settle();
    expect(kept.listenerCount('close')).toBe(0);
    h.gates.shift()?.();
    expect((await served).status).toBe(200);
  });

  it('releases the slot when the search throws', async () => {
    const admission = createAdmission({ concurrent: 1, queue: 0, maxWaitMs: 10 });
    const app = new Hono<Env>();
    app.get('/boom', admission.middleware, () => {
      throw new Error('boom');
    });
    app.onError((_e, c) => c.json({ error: 'x' }, 500));
    expect((await app.request('/boom')).status).toBe(500);
    expect(admission.running).toBe(0);
    expect((await app.request('/boom')).status).toBe(500);
  });
});
