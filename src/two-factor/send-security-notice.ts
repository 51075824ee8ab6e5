import type { RequestContext } from '../context/request-context.js';
import type { Keyring } from '../crypto/keyring.js';
import { enqueueEmail } from '../email/enqueue-email.js';
import { translator } from '../i18n/i18n.js';
import { principalTableName, type SecurityPrincipal } from './security-principal.js';

export type SecurityNotice = 'two_factor_enabled' | 'two_factor_disabled' | 'second_factor_locked';

const keys = {
  two_factor_enabled: { subject: 'twoFactor.email.enabledSubject', text: 'twoFactor.email.enabledText' },
  two_factor_disabled: { subject: 'twoFactor.email.disabledSubject', text: 'twoFactor.email.disabledText' },
  second_factor_locked: { subject: 'twoFactor.email.lockedSubject', text: 'twoFactor.email.lockedText' },
} as const;

/** A service email (part of the contract) telling the owner about a change to their sign-in security. */
export async function sendSecurityNotice(ctx: RequestContext, keyring: Keyring, who: Pick<SecurityPrincipal, 'kind' | 'subjectId' | 'locale'>, emailEnc: Buffer, notice: SecurityNotice): Promise<void> {
  const table = principalTableName[who.kind];
  const cipher = await keyring.forSubject(ctx.trx, who.subjectId);
  const to = cipher.decrypt(emailEnc, `${table}.email_enc`);
  const tr = translator(who.locale);
  await enqueueEmail(ctx, keyring, {
    subjectId: who.subjectId,
    messageClass: 'service',
    template: `${who.kind}.${notice}`,
    message: { to, subject: tr(keys[notice].subject), text: tr(keys[notice].text) },
  });
}
