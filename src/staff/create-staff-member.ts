import { addDuration } from '../config/duration.js';
import { inTransaction, type ContextWithoutTransaction, type RequestContext } from '../context/request-context.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { issueOneTimeToken } from '../auth/one-time-tokens.js';
import { hashPassword, passwordPolicy } from '../auth/passwords.js';
import { enqueueEmail } from '../email/enqueue-email.js';
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import { toFieldErrors } from '../http/route.js';
import type { AppDeps } from '../http/app-deps.js';
import { translator } from '../i18n/i18n.js';
import { insertSubject } from '../subjects/subjects.store.js';
import { displayNameSchema, staffEmailSchema } from './staff-forms.js';
import { insertStaffMember, staffEmailTaken } from './staff.store.js';
import { staffRoles, type StaffRole } from './staff.tables.js';

export interface NewStaffMember {
  readonly email: string;
  readonly displayName: string;
  readonly role: StaffRole;
  /** With a password the member can sign in at once; without, they get an emailed setup link. */
  readonly password?: string;
}

export interface CreatedStaffMember {
  readonly staffId: string;
  readonly subjectId: string;
  /** The emailed setup link (also for the CLI to print); null when a password was given. */
  readonly setupLink: string | null;
}

export const staffSetupValidity = 'PT72H';
export const encryptedStaffFields = { email: 'staff_members.email_enc', displayName: 'staff_members.display_name_enc' } as const;

/** Creates a staff member in its own transaction (CLI, console, API). */
export async function createStaffMember(deps: AppDeps, base: ContextWithoutTransaction, input: NewStaffMember): Promise<CreatedStaffMember> {
  validateNewStaffMember(input);
  const passwordHash = await hashNewPassword(input.password);
  return inTransaction(deps.db, { ...base, purpose: 'dpv:HumanResourceManagement' }, (ctx) => addStaffMember(ctx, deps, input, passwordHash));
}

const newMemberSchema = z.object({ email: staffEmailSchema, displayName: displayNameSchema, role: z.enum(staffRoles) });

/** The CLI calls createStaffMember directly, so the use case checks its input itself. */
export function validateNewStaffMember(input: NewStaffMember): void {
  const result = newMemberSchema.safeParse(input);
  if (!result.success) throw new AppError('VALIDATION_FAILED', 'The staff member is not valid', { fieldErrors: toFieldErrors(result.error) });
}

/** Hashes outside any transaction, so argon2 does not hold row locks. */
export async function hashNewPassword(password: string | undefined): Promise<string | null> {
  if (password === undefined) return null;
  if (password.length < passwordPolicy.minLength || password.length > passwordPolicy.maxLength) {
    throw new AppError('VALIDATION_FAILED', 'The password is not valid', { fieldErrors: [{ field: 'password', message: `Use ${passwordPolicy.minLength} to ${passwordPolicy.maxLength} characters` }] });
  }
  return hashPassword(password);
}

/** The part that runs inside a caller's transaction (first-owner setup reuses it). */
export async function addStaffMember(ctx: RequestContext, deps: AppDeps, input: NewStaffMember, passwordHash: string | null): Promise<CreatedStaffMember> {
  const emailLookup = deps.keyring.emailLookup(input.email);
  if (await staffEmailTaken(ctx.trx, emailLookup)) throw new AppError('EMAIL_TAKEN', 'A staff member with this email address already exists');
  const subjectId = await insertSubject(ctx.trx, 'staff');
  const cipher = await deps.keyring.createSubjectKey(ctx.trx, subjectId);
  const email = input.email.trim();
  const staffId = await insertStaffMember(ctx.trx, {
    subject_id: subjectId,
    email_lookup: emailLookup,
    email_enc: cipher.encrypt(email, encryptedStaffFields.email),
    display_name_enc: cipher.encrypt(input.displayName.trim(), encryptedStaffFields.displayName),
    password_hash: passwordHash,
    role: input.role,
  });
  await recordAuditEvent(ctx, { action: 'staff.created', subjectId, details: { staffId, role: input.role, setupByLink: passwordHash === null } });
  if (passwordHash !== null) return { staffId, subjectId, setupLink: null };

  const token = await issueOneTimeToken(ctx.trx, { kind: 'staff', id: staffId }, 'staff_setup', addDuration(deps.now(), staffSetupValidity));
  const setupLink = `${deps.config.http.publicUrl}/console/setup?token=${token}`;
  const tr = translator('en');
  await enqueueEmail(ctx, deps.keyring, {
    subjectId,
    messageClass: 'service',
    template: 'staff.setup_link',
    message: { to: email, subject: tr('staff.email.setup.subject'), text: tr('staff.email.setup.body', { name: input.displayName.trim(), link: setupLink }) },
  });
  return { staffId, subjectId, setupLink };
}
