import type { ErrorCode } from '../errors/error-codes.js';
import { AppError } from '../errors/app-error.js';
import type { MessageKey } from '../i18n/messages.en.js';

/** Why a trusted-user request is refused; pages show the reason's message, the API its detail. */
const reasons = {
  self: { code: 'VALIDATION_FAILED', field: 'email', detail: 'You cannot make yourself a trusted user of your own account', key: 'trustedUsers.refused.self' },
  alreadyTrusted: { code: 'CONFLICT', field: 'email', detail: 'This person can already act for the account; change their areas instead', key: 'trustedUsers.refused.alreadyTrusted' },
  invalidLink: { code: 'TOKEN_INVALID', field: null, detail: 'This invitation link is invalid, was withdrawn or has expired', key: 'trustedUsers.refused.invalidLink' },
  wrongAccount: { code: 'FORBIDDEN', field: null, detail: 'This invitation was sent to a different email address; sign in with the account of that address to accept it', key: 'trustedUsers.refused.wrongAccount' },
  whileActing: { code: 'FORBIDDEN', field: null, detail: 'You are acting for another account; switch back to your own account first', key: 'trustedUsers.refused.whileActing' },
  unverified: { code: 'EMAIL_NOT_VERIFIED', field: null, detail: 'Confirm your email address first, then open the invitation link again', key: 'trustedUsers.refused.unverified' },
  ended: { code: 'CONFLICT', field: null, detail: 'This access has already ended', key: 'trustedUsers.refused.ended' },
} as const satisfies Record<string, { code: ErrorCode; field: string | null; detail: string; key: MessageKey }>;

export type RefusalReason = keyof typeof reasons;

export class GrantRefused extends AppError {
  readonly reason: RefusalReason;
  readonly messageKey: MessageKey;

  constructor(reason: RefusalReason) {
    const spec = reasons[reason];
    super(spec.code, spec.detail, spec.field ? { fieldErrors: [{ field: spec.field, message: spec.detail }] } : {});
    this.reason = reason;
    this.messageKey = spec.key;
  }
}
