/** API keys (constant-time), loopback detection, and Host/Origin checks against DNS rebinding. */
import { createHash, timingSafeEqual } from 'node:crypto';

export function isLoopbackHost(host: string): boolean {
  return (
    host === '127.0.0.1' ||
    host === 'localhost' ||
    host === '::1' ||
    host === '[::1]' ||
    host.startsWith('127.')
  );
}

/** Compare a presented key with the configured one without leaking timing (hashes have equal length). */
export function keyMatches(presented: string | undefined, expected: string | undefined): boolean {
  if (!presented || !expected) return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The Bearer token of an Authorization header, if any. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return m?.[1]?.trim();
}

/**
 * Host names a server answers to: loopback names, plus its own bind address. DNS rebinding
 * sends the attacker's host name, so checking the name (not the port) is what matters.
 */
export function allowedHostNames(host: string): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  if (!isLoopbackHost(host) && host !== '0.0.0.0' && host !== '::')
    names.add(host.includes(':') ? `[${host}]` : host);
  return names;
}

/** "Example.com:8080" → "example.com"; "[::1]:80" → "[::1]". */
function hostName(hostAndPort: string): string {
  const h = hostAndPort.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return colon >= 0 ? h.slice(0, colon) : h;
}

/** True when the Host header is one of ours and the Origin (if sent) points at one of ours. */
export function hostAndOriginAllowed(
  hostHeader: string | undefined,
  origin: string | undefined,
  allowed: Set<string>,
): boolean {
  if (!hostHeader || !allowed.has(hostName(hostHeader))) return false;
  if (!origin) return true;
  try {
    return allowed.has(hostName(new URL(origin).host));
  } catch {
    return false;
  }
}
