import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import type { AppDeps } from '../http/app-deps.js';
import type { Register } from './register.schema.js';
import { writeStoredRegister } from './register.store.js';
import { validRegisterOrThrow } from './validate-register.js';

/** Validates (shape and agreement with the data map) and replaces the current register. */
export async function saveRegister(deps: AppDeps, base: ContextWithoutTransaction, editorSubjectId: string | null, input: unknown, format: 'json' | 'yaml'): Promise<Register> {
  const register = validRegisterOrThrow(input);
  await inTransaction(deps.db, { ...base, purpose: 'dpv:LegalCompliance' }, async (ctx) => {
    await writeStoredRegister(ctx.trx, register, editorSubjectId, deps.now());
    await recordAuditEvent(ctx, {
      action: 'register.saved',
      subjectId: null,
      details: { format, purposes: register.purposes.map((p) => p.id), recipients: register.recipients.length, cookies: register.cookies.length },
    });
  });
  return register;
}
