/** The Origin check compares the port too: another port on loopback is another application. */
import { describe, expect, it } from 'vitest';
import { allowedHostNames, hostAndOriginAllowed } from '../../src/serve/http/security.js';

describe('Origin and port', () => {
  const allowed = allowedHostNames('127.0.0.1');

  it('allows the same host and port, refuses another port on the same host', () => {
    expect(hostAndOriginAllowed('127.0.0.1:8787', 'http://127.0.0.1:8787', allowed)).toBe(true);
    expect(hostAndOriginAllowed('localhost:8787', 'http://localhost:8787', allowed)).toBe(true);
    expect(hostAndOriginAllowed('[::1]:8787', 'http://[::1]:8787', allowed)).toBe(true);
    expect(hostAndOriginAllowed('127.0.0.1:8787', 'http://127.0.0.1:3000', allowed)).toBe(false);
    expect(hostAndOriginAllowed('127.0.0.1:8787', 'http://localhost:8787', allowed)).toBe(false);
    expect(hostAndOriginAllowed('127.0.0.1:8787', 'http://127.0.0.1', allowed)).toBe(false);
  });

  it('treats a default port as the same port', () => {
    expect(hostAndOriginAllowed('127.0.0.1', 'http://127.0.0.1', allowed)).toBe(true);
    expect(hostAndOriginAllowed('127.0.0.1:80', 'http://127.0.0.1', allowed)).toBe(true);
  });

  it('still allows origins the CORS setting lists', () => {
    expect(
      hostAndOriginAllowed('127.0.0.1:8787', 'http://127.0.0.1:3000', allowed, ['http://127.0.0.1:3000']),
    ).toBe(true);
  });
});
