import { createHash } from 'node:crypto';
import { seededRandom, type Random } from '../demo/seeded-random.js';

/**
 * Ids and random draws of one generated subject come from the seed and the subject's index alone,
 * so a subject's data is the same whatever chunk it lands in, and a resumed run continues exactly.
 */
export class SubjectSource {
  readonly random: Random;
  readonly #base: Buffer;
  #counter = 0;

  constructor(seed: number, kind: 'customer' | 'applicant', index: number) {
    const digest = digestOf(`custodian-scale/${seed}/${kind}/${index}`);
    this.#base = Buffer.from(digest.subarray(0, 16));
    this.random = seededRandom(digest.readUInt32LE(16));
  }

  /** The next id for this subject's rows: 90 bits of the digest, a 32-bit counter, UUID version 8 (RFC 9562, custom). */
  nextId(): string {
    const bytes = Buffer.from(this.#base);
    bytes.writeUInt32BE(this.#counter, 12);
    this.#counter += 1;
    return formatUuid(bytes);
  }
}

/** A deterministic id for instance-wide rows the generator adds (job openings, announcements). */
export function globalId(seed: number, label: string, index: number): string {
  return formatUuid(Buffer.from(digestOf(`custodian-scale/${seed}/${label}/${index}`).subarray(0, 16)));
}

/** Random-looking text derived from a row id: processor references, licence ids. */
export function derivedBytes(label: string, id: string, length: number): Buffer {
  return Buffer.from(digestOf(`${label}/${id}`).subarray(0, length));
}

/** The ticket reference alphabet of support (no 0/O, 1/I/L): 31 symbols, six of them per reference. */
const referenceAlphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const referenceSpace = 31n ** 6n;
/** 3^18 shares no factor with 31^6, so n ↦ (a·n + b) mod 31^6 is a permutation: references never collide. */
const referenceMultiplier = 387_420_489n;
export const maxTicketsPerCustomer = 64;

/** T-XXXXXX, unique for every (customer, ticket) of a run, and random-looking like support's own. */
export function ticketReference(seed: number, customerIndex: number, ticketIndex: number): string {
  const n = BigInt(customerIndex) * BigInt(maxTicketsPerCustomer) + BigInt(ticketIndex);
  let value = (referenceMultiplier * n + BigInt(seed)) % referenceSpace;
  let text = '';
  for (let i = 0; i < 6; i += 1) {
    text = referenceAlphabet[Number(value % 31n)]! + text;
    value /= 31n;
  }
  return `T-${text}`;
}

function digestOf(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function formatUuid(bytes: Buffer): string {
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export type { Random };
