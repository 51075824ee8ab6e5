import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { truncateIp } from '../http/client-info.js';
import { normaliseIp } from './ip-addresses.js';
import { findLicenceForCheck, insertLicenceCheck } from './services.store.js';
import type { LicenceCheckResult } from './services.tables.js';

export interface LicenceCheckInput {
  readonly licenceId: string;
  readonly serverIp: string;
  readonly version: string;
  /** Where the request came from; kept only as its network (IPv4 /24, IPv6 /48). */
  readonly callerIp: string | null;
}

export type LicenceCheckAnswer = { readonly valid: true } | { readonly valid: false; readonly reason: Exclude<LicenceCheckResult, 'valid'> };

/**
 * Answers the licensed software: is this licence valid on this server? An unknown licence ID and a
 * known one asked for from another server get the same answer ('not_licensed'), so the endpoint
 * does not tell strangers which IDs exist; only a caller naming the bound server learns more
 * (suspended, cancelled, version). Binding and contract state are decided here, the vendor's own
 * rules (supported versions) by the provisioning adapter.
 *
 * Every check of an existing licence is stored as usage data of its holder (licence_checks, kept for
 * the configured period). It is not also written to the audit trail: that would keep the holder's
 * usage beyond that period, and a check changes nothing. Checks of unknown IDs belong to no one and
 * are not stored; the per-IP rate limit bounds them.
 */
export async function checkLicence(deps: Pick<AppDeps, 'db' | 'adapters' | 'now'>, base: ContextWithoutTransaction, input: LicenceCheckInput): Promise<LicenceCheckAnswer> {
  const licence = await findLicenceForCheck(deps.db, input.licenceId);
  if (!licence) return { valid: false, reason: 'not_licensed' };
  const serverIp = normaliseIp(input.serverIp);
  const matched = serverIp !== null && serverIp === licence.bound_ip;
  const result = await decide();
  await inTransaction(deps.db, base, (ctx) => insertLicenceCheck(ctx.trx, {
    licence_id: licence.id,
    subject_id: licence.subject_id,
    checked_at: deps.now(),
    caller_ip_truncated: truncateIp(input.callerIp),
    server_ip_matched: matched,
    software_version: input.version,
    result,
  }));
  return result === 'valid' ? { valid: true } : { valid: false, reason: result };

  async function decide(): Promise<LicenceCheckResult> {
    if (!matched || !serverIp) return 'not_licensed';
    if (licence!.status === 'suspended') return 'suspended';
    if (licence!.status === 'cancelled') return 'cancelled';
    if (licence!.status !== 'active') return 'not_active';
    try {
      const verdict = await deps.adapters.provisioning.checkLicence({ licenceId: licence!.public_id, serverIp, version: input.version });
      return verdict.valid ? 'valid' : verdict.reason;
    } catch (error) {
      // The software should retry later rather than take an outage at the vendor for a revoked licence.
      throw new AppError('EXTERNAL_SYSTEM_UNAVAILABLE', 'The licence server did not answer; try again shortly', { cause: error });
    }
  }
}
