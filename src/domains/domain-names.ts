import { z } from 'zod';

export interface DomainName {
  readonly fqdn: string;
  /** The label before the TLD. */
  readonly label: string;
  readonly tld: string;
}

// One label under the TLD: letters, digits, inner hyphens; IDNs arrive in their xn-- form.
const labelPattern = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Reads a second-level name such as "example.es". Trailing dots and case are normalised; anything
 * else (subdomains, spaces, underscores, a bare TLD) is refused.
 */
export function parseDomainName(input: string): DomainName | null {
  const fqdn = input.trim().toLowerCase().replace(/\.$/, '');
  const parts = fqdn.split('.');
  if (parts.length !== 2) return null;
  const [label, tld] = parts as [string, string];
  if (!labelPattern.test(label) || /^[a-z]{2,63}$/.test(tld) === false) return null;
  if (label.slice(2, 4) === '--' && !label.startsWith('xn--')) return null;
  return { fqdn, label, tld };
}

export const domainNameSchema = z
  .string()
  .max(253)
  .transform((value, ctx) => {
    const parsed = parseDomainName(value);
    if (!parsed) {
      ctx.addIssue({ code: 'custom', message: 'must be a domain name such as example.com' });
      return z.NEVER;
    }
    return parsed.fqdn;
  });
