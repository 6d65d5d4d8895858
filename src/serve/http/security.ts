/** API keys (constant-time), loopback detection, and Host/Origin checks against DNS rebinding. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * True for a loopback bind address or name: `localhost`, 127.0.0.0/8 and ::1 as IP literals.
 * `127.evil.example` is a DNS name anyone can point anywhere, so it is not loopback.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost') return true;
  const family = isIP(h);
  if (family === 4) return h.startsWith('127.');
  if (family === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(h);
  return false;
}

/** Compare a presented key with the configured one without leaking timing (hashes have equal length). */
export function keyMatches(presented: string | undefined, expected: string | undefined): boolean {
  if (!presented || !expected) return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * The key an Authorization header carries: a Bearer token (API clients), or the password of
 * HTTP Basic credentials (browsers, which prompt for it on the search page; any user name).
 */
export function presentedKey(header: string | undefined): string | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (bearer) return bearer[1]?.trim();
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!basic?.[1]) return undefined;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 ? decoded.slice(colon + 1) : undefined;
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
  if (host !== '0.0.0.0' && host !== '::') names.add(host.includes(':') ? `[${host}]` : host.toLowerCase());
  return names;
}

/** "Example.com:8080" → "example.com"; "[::1]:80" → "[::1]". */
function hostName(hostAndPort: string): string {
  const h = hostAndPort.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return colon >= 0 ? h.slice(0, colon) : h;
}

/**
 * True when the Host header is one of ours and the Origin (if sent) is this very origin (same
 * host and port) or one the CORS setting allows (`*` allows any).
 */
export function hostAndOriginAllowed(
  hostHeader: string | undefined,
  origin: string | undefined,
  allowed: Set<string>,
  corsOrigins: readonly string[] = [],
): boolean {
  if (!hostHeader || !allowed.has(hostName(hostHeader))) return false;
  if (!origin) return true;
  if (corsOrigins.includes('*') || corsOrigins.includes(origin)) return true;
  try {
    // Same origin: the page's host and port are the ones this request was sent to. Another
    // port on loopback is another web application, which may not drive this one.
    const from = new URL(origin);
    const to = new URL(`${from.protocol}//${hostHeader.trim()}`);
    return from.host === to.host && allowed.has(hostName(from.host));
  } catch {
    return false;
  }
}
