import { recordAuditEvent } from '../audit/record-audit-event.js';
import { loadAccountProfile } from '../accounts/account-profile.js';
import type { RequestContext } from '../context/request-context.js';
import { enqueueEmail } from '../email/enqueue-email.js';
import type { AppDeps } from '../http/app-deps.js';
import { translator } from '../i18n/i18n.js';
import type { ConsentChannel } from './consent.tables.js';
import type { ConsentNotice } from './consent-notice.js';
import { marketingChoices, marketingPurposes, needsDoubleOptIn } from './consent-purposes.js';
import { consentState } from './consent-state.js';
import { confirmationToken } from './confirmation-token.js';
import { recordConsent } from './record-consent.js';

export type ChoiceDeps = Pick<AppDeps, 'db' | 'keyring' | 'keys' | 'config' | 'now'>;

export interface Choice {
  readonly purpose: string;
  readonly channel: ConsentChannel;
  readonly given: boolean;
}

export interface ChoiceRequest {
  readonly accountId: string;
  readonly subjectId: string;
  readonly choices: readonly Choice[];
  readonly method: 'account_form' | 'api';
  readonly notice: ConsentNotice;
  readonly userAgentFamily: string | null;
}

export interface ChoiceOutcome {
  /** Ledger records written, one per changed choice. */
  readonly recordIds: string[];
  /** Email choices waiting for the double opt-in link. */
  readonly pendingEmail: string[];
}

/**
 * Records every changed choice (given or withdrawn) in the caller's transaction. Email choices are
 * not recorded as given here: a confirmation link goes out as a service email, and only following
 * it records consent (double opt-in). Unchanged choices write nothing.
 */
export async function saveMarketingChoices(deps: ChoiceDeps, ctx: RequestContext, request: ChoiceRequest): Promise<ChoiceOutcome> {
  const now = deps.now();
  const recordIds: string[] = [];
  const pendingEmail: string[] = [];
  for (const choice of request.choices) {
    const current = await consentState(ctx.trx, { subjectId: request.subjectId, purpose: choice.purpose, channel: choice.channel, now });
    if (choice.given === current.allowed) continue;
    if (choice.given && needsDoubleOptIn(choice.channel)) {
      pendingEmail.push(choice.purpose);
      continue;
    }
    recordIds.push(await recordConsent(ctx, {
      subjectId: request.subjectId,
      purpose: choice.purpose,
      channel: choice.channel,
      status: choice.given ? 'given' : 'withdrawn',
      method: request.method,
      noticeVersion: request.notice.version,
      noticeTextHash: request.notice.textHash,
      userAgentFamily: request.userAgentFamily,
      occurredAt: now,
    }));
  }
  if (pendingEmail.length > 0) await sendConfirmationEmail(deps, ctx, request.accountId, pendingEmail);
  return { recordIds, pendingEmail };
}

/** One click: every marketing and profiling consent currently given is withdrawn. */
export async function withdrawAllMarketing(deps: ChoiceDeps, ctx: RequestContext, request: Omit<ChoiceRequest, 'choices'>): Promise<ChoiceOutcome> {
  const choices = marketingChoices.map((c) => ({ purpose: c.purpose, channel: c.channel, given: false }));
  return saveMarketingChoices(deps, ctx, { ...request, choices });
}

async function sendConfirmationEmail(deps: ChoiceDeps, ctx: RequestContext, accountId: string, purposes: string[]): Promise<void> {
  const profile = await loadAccountProfile(ctx.trx, deps.keyring, accountId);
  const tr = translator(profile.locale);
  const token = confirmationToken(deps.keys.tokens, { subjectId: profile.subjectId, purposes, issuedAt: deps.now() });
  const link = `${deps.config.http.publicUrl.replace(/\/$/, '')}/account/privacy/confirm?token=${encodeURIComponent(token)}`;
  const names = purposes.map((iri) => {
    const known = marketingPurposes.find((p) => p.iri === iri);
    return known ? tr(known.label) : iri;
  });
  const text = `${tr('accounts.email.greeting', { name: profile.firstName })}\n\n${tr('privacyChoices.email.confirm.body', { purposes: names.join(', '), link })}\n\n${tr('accounts.email.signature')}\n`;
  // A service email: it only asks for consent, it markets nothing.
  const emailId = await enqueueEmail(ctx, deps.keyring, { subjectId: profile.subjectId, messageClass: 'service', template: 'consent.confirm_email', message: { to: profile.email, subject: tr('privacyChoices.email.confirm.subject'), text } });
  await recordAuditEvent(ctx, { action: 'consent.confirmation_requested', subjectId: profile.subjectId, details: { emailId, purposes, channel: 'email' } });
}
