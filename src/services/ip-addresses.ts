import net from 'node:net';
import { domainToASCII } from 'node:url';

/**
 * One spelling per address, so a licence bound to "2001:DB8::1" matches a check for
 * "2001:db8:0:0::1": IPv4 in dotted decimal without leading zeros, IPv6 compressed lower case.
 * Returns null for anything that is not an IP address.
 */
export function normaliseIp(input: string): string | null {
  const value = input.trim();
  if (net.isIPv4(value)) {
    const parts = value.split('.');
    if (parts.some((part) => part.length > 1 && part.startsWith('0'))) return null;
    return parts.map(Number).join('.');
  }
  if (net.isIPv6(value) && !value.includes('%')) {
    try {
      return new URL(`http://[${value}]/`).hostname.slice(1, -1);
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Addresses no licensed server can have on the internet: private, loopback, link-local, shared
 * (CGNAT), multicast, unspecified and unique-local. The documentation ranges stay allowed because
 * the built-in provisioning system assigns from them.
 */
const notServerAddresses = (() => {
  const list = new net.BlockList();
  for (const [network, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['224.0.0.0', 3]] as const) {
    list.addSubnet(network, prefix, 'ipv4');
  }
  for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
    list.addSubnet(network, prefix, 'ipv6');
  }
  return list;
})();

/** A normalised public server address, or null. */
export function publicServerIp(input: string): string | null {
  const ip = normaliseIp(input);
  if (!ip) return null;
  // IPv4-mapped IPv6 (::ffff:a.b.c.d) is refused too: a server has the IPv4 address itself. (It is
  // checked by prefix because BlockList matches IPv4 addresses against a mapped IPv6 subnet.)
  if (ip.startsWith('::ffff:')) return null;
  return notServerAddresses.check(ip, net.isIPv4(ip) ? 'ipv4' : 'ipv6') ? null : ip;
}

/**
 * A hostname or domain as DNS allows it (RFC 1123 labels), lower-cased, at least two labels, and
 * a top-level label that is not all digits (so an IP address is not taken for a name).
 */
export function normaliseHostname(input: string): string | null {
  const trimmed = input.trim().toLowerCase().replace(/\.$/, '');
  // Internationalised names are kept in their ASCII (punycode) form, as DNS and panels use them.
  const value = /^[\x00-\x7f]*$/.test(trimmed) ? trimmed : domainToASCII(trimmed);
  if (value.length === 0 || value.length > 253) return null;
  const labels = value.split('.');
  if (labels.length < 2) return null;
  const label = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
  if (!labels.every((l) => label.test(l))) return null;
  if (/^\d+$/.test(labels.at(-1)!)) return null;
  return value;
}
