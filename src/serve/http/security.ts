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

/** Host header values a loopback server answers to: its own address and port, as typed in a browser. */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  if (!isLoopbackHost(host)) names.add(host.includes(':') ? `[${host}]` : host);
  return new Set([...names].flatMap((n) => [n, `${n}:${port}`]));
}

/** True when the Host header is one of ours and the Origin (if sent) points at one of ours. */
export function hostAndOriginAllowed(
  hostHeader: string | undefined,
  origin: string | undefined,
  allowed: Set<string>,
): boolean {
  if (!hostHeader || !allowed.has(hostHeader.toLowerCase())) return false;
  if (!origin) return true;
  try {
    return allowed.has(new URL(origin).host.toLowerCase());
  } catch {
    return false;
  }
}
