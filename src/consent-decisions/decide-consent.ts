import type { Kysely } from 'kysely';
import { consentState } from '../consent/consent-state.js';
import type { ConsentChannel } from '../consent/consent.tables.js';
import { expandIri, type LegalBasis } from '../datamap/vocabulary.js';
import type { Database } from '../db/database.types.js';
import { currentRegister } from '../register/current-register.js';
import type { Register } from '../register/register.schema.js';

export interface DecisionQuery {
  readonly subjectId: string;
  /** A register purpose id or DPV purpose ("dpv:DirectMarketing"), or a cookie category. */
  readonly purpose: string;
  readonly channel?: ConsentChannel | null;
}

export interface Decision {
  readonly decision: 'allow' | 'deny';
  /** `legal_basis:<IRI>` for purposes that do not rest on consent, else `consent:<ledger status>` or `consent:no_record`. */
  readonly reason: string;
  readonly recordId: string | null;
  readonly evaluatedAt: string;
}

const consentBasis: LegalBasis = 'eu-gdpr:A6-1-a';

/**
 * The legal basis a purpose rests on when that is not consent; null when consent decides (the
 * register says so, or the purpose is not in the register at all: then only consent can allow it).
 */
export function nonConsentBasis(register: Register, purpose: string): LegalBasis | null {
  const entries = register.purposes.filter((p) => p.id === purpose || p.purpose === purpose);
  if (entries.length === 0 || entries.some((p) => p.legalBasis === consentBasis)) return null;
  return entries[0]!.legalBasis;
}

/**
 * One decision, read from the database every time: there is no in-process cache, so a withdrawal
 * committed by any process is seen by the next request on every process.
 * Not built yet: an objection (Art 21) or restriction (Art 18) will turn a legal-basis allow into a deny.
 */
export async function decideConsent(db: Kysely<Database>, register: Register, query: DecisionQuery, now: Date): Promise<Decision> {
  const evaluatedAt = now.toISOString();
  const basis = nonConsentBasis(register, query.purpose);
  if (basis) return { decision: 'allow', reason: `legal_basis:${expandIri(basis)}`, recordId: null, evaluatedAt };
  const state = await consentState(db, { subjectId: query.subjectId, purpose: query.purpose, channel: query.channel ?? null, now });
  return { decision: state.allowed ? 'allow' : 'deny', reason: `consent:${state.reason}`, recordId: state.recordId, evaluatedAt };
}

/** Decisions in the order asked, against one reading of the register. */
export async function decideConsentBatch(db: Kysely<Database>, queries: readonly DecisionQuery[], now: Date): Promise<Decision[]> {
  const { register } = await currentRegister(db);
  const results: Decision[] = [];
  for (const query of queries) results.push(await decideConsent(db, register, query, now));
  return results;
}
