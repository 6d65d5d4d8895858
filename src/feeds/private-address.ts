/**
 * Which addresses a feed may not lead to: loopback, private, link-local (cloud metadata lives at
 * 169.254.169.254 and fd00:ec2::254), shared, reserved and multicast ranges, in IPv4 and IPv6,
 * with IPv4 inside IPv6 (::ffff:a.b.c.d, NAT64, 6to4) judged as the IPv4 it carries. A feed is
 * written by someone else: without this, an item linking to http://127.0.0.1:… or a router's page
 * makes the reader fetch it from inside the user's network and index what it answers.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { SearchError } from '../errors.js';

const PRIVATE_V4: ReadonlyArray<[string, number]> = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];
const PRIVATE_V6: ReadonlyArray<[string, number]> = [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local (fd00:ec2::254 is a metadata address)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // old site-local
  ['ff00::', 8], // multicast
];

const blocked = new BlockList();
for (const [net, bits] of PRIVATE_V4) blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of PRIVATE_V6) blocked.addSubnet(net, bits, 'ipv6');

/** The 16 bytes of an IPv6 address (already known to be valid). */
function v6Bytes(address: string): number[] {
  let text = address.split('%')[0] ?? '';
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const groups = (s: string) => (s ? s.split(':').map((g) => Number.parseInt(g, 16)) : []);
  const front = groups(head);
  const back = tail === undefined ? [] : groups(tail);
  const words = [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
  return words.flatMap((w) => [w >> 8, w & 255]);
}

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), if any. */
function embeddedV4(address: string): string | undefined {
  const b = v6Bytes(address);
  const quad = (at: number) => b.slice(at, at + 4).join('.');
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zeros(0, 10) && b[10] === 255 && b[11] === 255) return quad(12); // ::ffff:a.b.c.d
  if (zeros(0, 12) && !zeros(12, 16)) return quad(12); // ::a.b.c.d (deprecated)
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12)) return quad(12); // 64:ff9b::/96
  if (b[0] === 0x20 && b[1] === 0x02) return quad(2); // 2002:a.b.c.d::/16
  return undefined;
}

/** True for an address a feed may not lead to; also for anything that is not an IP address. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare.split('%')[0] ?? '');
  if (family === 4) return blocked.check(bare, 'ipv4');
  if (family !== 6) return true;
  const v4 = embeddedV4(bare);
  if (v4 !== undefined) return blocked.check(v4, 'ipv4');
  return blocked.check(bare.split('%')[0] ?? '', 'ipv6');
}

/**
 * Private addresses one feed may reach: a feed the user follows on their own network (its URL
 * names a private host) may link to that same host, never to another private one.
 */
export interface AddressTrust {
  /** Private addresses this request may connect to. */
  addresses: Set<string>;
  /** The URL is the user's own: the private addresses its first hop resolves to are added. */
  userGiven?: boolean | undefined;
}

/**
 * Throws PRIVATE_ADDRESS for an address a request may not reach. `firstHop` is whether the
 * request is still at the URL it was given (not a redirect).
 */
export function checkAddress(
  url: string,
  address: string,
  trust: AddressTrust | undefined,
  firstHop: boolean,
): void {
  if (!isPrivateAddress(address)) return;
  if (trust?.addresses.has(address)) return;
  if (trust?.userGiven && firstHop) {
    trust.addresses.add(address);
    return;
  }
  throw new SearchError(
    'PRIVATE_ADDRESS',
    `${url} leads to ${address}, a loopback, private or link-local address; not fetched. Allow it with --allow-private-hosts (setting allowPrivateHosts) if you trust this feed.`,
    { details: { url, address } },
  );
}

type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net.connect that checks every address a name resolves to before connecting, so
 * the address checked is the address used (a name that changes its answer gains nothing).
 */
export function guardedLookup(check: (address: string) => void) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      try {
        for (const a of addresses) check(a.address);
      } catch (refused) {
        return callback(refused as Error, []);
      }
      const first = addresses[0];
      if (options.all) callback(null, addresses);
      else if (first) callback(null, first.address, first.family);
      else callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
    });
  };
}
