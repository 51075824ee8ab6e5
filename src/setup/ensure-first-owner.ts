import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { addDuration } from '../config/duration.js';
import { inTransaction, systemContext } from '../context/request-context.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { hashToken } from '../auth/session-cookies.js';
import type { AppDeps } from '../http/app-deps.js';
import { writeSetting } from '../settings/settings.store.js';
import { settingKeys } from '../settings/settings.keys.js';
import { addStaffMember, hashNewPassword } from '../staff/create-staff-member.js';
import { countStaffMembers } from '../staff/staff.store.js';
import { lockFirstOwnerSetup } from './setup.store.js';

export const firstOwnerLinkValidity = 'PT24H';

/** What the setting holds: never the token itself, only its hash. */
export interface FirstOwnerSetupSetting {
  readonly tokenHash: string;
  readonly expiresAt: string;
}

export type FirstOwnerOutcome =
  | { readonly kind: 'staff-exists' }
  | { readonly kind: 'owner-created'; readonly staffId: string }
  | { readonly kind: 'setup-link'; readonly setupLink: string; readonly expiresAt: Date };

/**
 * At start: with no staff at all, either create the configured owner or issue a one-time link
 * (24 h) for start-up to print. A new start replaces an unused link.
 */
export async function ensureFirstOwner(deps: AppDeps, logger: Logger): Promise<FirstOwnerOutcome> {
  const owner = deps.config.owner;
  const passwordHash = owner ? await hashNewPassword(owner.password) : null;
  const outcome = await inTransaction(deps.db, systemContext('dpv:HumanResourceManagement'), async (ctx): Promise<FirstOwnerOutcome> => {
    await lockFirstOwnerSetup(ctx.trx);
    if ((await countStaffMembers(ctx.trx)) > 0) return { kind: 'staff-exists' };
    if (owner && passwordHash) {
      const created = await addStaffMember(ctx, deps, { email: owner.email, displayName: 'Owner', role: 'owner' }, passwordHash);
      return { kind: 'owner-created', staffId: created.staffId };
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = addDuration(deps.now(), firstOwnerLinkValidity);
    const value: FirstOwnerSetupSetting = { tokenHash: hashToken(token).toString('hex'), expiresAt: expiresAt.toISOString() };
    await writeSetting(ctx.trx, settingKeys.firstOwnerSetup, value);
    await recordAuditEvent(ctx, { action: 'setup.first_owner_link_issued', subjectId: null, details: { expiresAt: value.expiresAt } });
    return { kind: 'setup-link', setupLink: `${deps.config.http.publicUrl}/setup?token=${token}`, expiresAt };
  });
  if (outcome.kind === 'owner-created') logger.info({ staffId: outcome.staffId }, 'first owner created from configuration');
  if (outcome.kind === 'setup-link') logger.info({ expiresAt: outcome.expiresAt.toISOString() }, 'first-owner setup link issued');
  return outcome;
}
