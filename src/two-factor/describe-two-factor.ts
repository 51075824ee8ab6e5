import { otpauthUri } from '../auth/totp.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { principalTableName, type SecurityPrincipal } from './security-principal.js';
import type { PendingEnrolment } from './start-two-factor.js';
import { totpIssuer } from './start-two-factor.js';
import { countUnusedRecoveryCodes, findTwoFactorState } from './two-factor.store.js';

export interface TwoFactorStatus {
  readonly enabled: boolean;
  readonly enabledAt: Date | null;
  /** A started, unconfirmed enrolment: shown again so the QR code survives a reload or a typo. */
  readonly pending: PendingEnrolment | null;
  readonly unusedRecoveryCodes: number;
}

export async function describeTwoFactor(deps: AppDeps, who: SecurityPrincipal): Promise<TwoFactorStatus> {
  const state = await findTwoFactorState(deps.db, who.kind, who.id);
  if (!state) throw new AppError('NOT_FOUND');
  const enabled = state.totp_enabled_at !== null;
  let pending: PendingEnrolment | null = null;
  if (!enabled && state.totp_secret_enc && who.secondFactorVerified) {
    const table = principalTableName[who.kind];
    const cipher = await deps.keyring.forSubject(deps.db, who.subjectId);
    const secret = cipher.decrypt(state.totp_secret_enc, `${table}.totp_secret_enc`);
    pending = { secret, otpauthUri: otpauthUri(secret, cipher.decrypt(state.email_enc, `${table}.email_enc`), totpIssuer) };
  }
  const unusedRecoveryCodes = enabled ? await countUnusedRecoveryCodes(deps.db, who.kind, who.id) : 0;
  return { enabled, enabledAt: state.totp_enabled_at, pending, unusedRecoveryCodes };
}
