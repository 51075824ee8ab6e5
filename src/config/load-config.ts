import path from 'node:path';
import { environmentSchema, type Environment } from './config.schema.js';
import { AppError } from '../errors/app-error.js';

export interface Config {
  readonly http: { port: number; host: string; publicUrl: string; secureCookies: boolean };
  readonly dataDir: string;
  readonly database: { kind: 'pglite'; directory: string } | { kind: 'postgres'; url: string };
  readonly masterKey: Buffer | undefined;
  readonly owner: { email: string; password: string } | undefined;
  readonly logLevel: Environment['CUSTODIAN_LOG_LEVEL'];
  readonly minimumAge: { default: number; byCountry: Record<string, number> };
  readonly sessions: { ttl: string; idleTtl: string };
  readonly signInLock: { after: number; lockFor: string };
  readonly retention: { signInEvents: string; sentEmail: string; taxRecords: string; finishedJobs: string; rateLimitWindows: string; consentProof: string; idDocuments: string; applicants: string; licenceChecks: string; closedTickets: string; abuseIdentifiers: string };
  readonly billing: { currency: string; vatRatePercent: number; paymentProcessor: 'test' };
  readonly smtp: { host: string; port: number; secure: boolean; user?: string; password?: string } | undefined;
  readonly mailFrom: string;
  readonly cookieChoiceTtl: string;
}

/** Reads and validates the environment once; throws one message listing every bad value. */
export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): Config {
  const relevant = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => (key.startsWith('CUSTODIAN_') || key.startsWith('SMTP_') || key === 'DATABASE_URL') && value !== ''),
  );
  const parsed = environmentSchema.safeParse(relevant);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new AppError('CONFIG_INVALID', `Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if ((e.CUSTODIAN_OWNER_EMAIL === undefined) !== (e.CUSTODIAN_OWNER_PASSWORD === undefined)) {
    throw new AppError('CONFIG_INVALID', 'Invalid configuration:\n  CUSTODIAN_OWNER_EMAIL and CUSTODIAN_OWNER_PASSWORD must be set together');
  }
  if (e.SMTP_USER !== undefined && e.SMTP_HOST === undefined) {
    throw new AppError('CONFIG_INVALID', 'Invalid configuration:\n  SMTP_USER is set but SMTP_HOST is not');
  }
  const dataDir = path.resolve(cwd, e.CUSTODIAN_DATA_DIR);
  const publicUrl = (e.CUSTODIAN_PUBLIC_URL ?? `http://${e.CUSTODIAN_HOST}:${e.CUSTODIAN_PORT}`).replace(/\/$/, '');
  if (publicUrl.startsWith('https://') && e.CUSTODIAN_PAYMENT_PROCESSOR === undefined) {
    throw new AppError('CONFIG_INVALID', 'Invalid configuration:\n  CUSTODIAN_PAYMENT_PROCESSOR is not set: on a public (https://) instance the built-in test processor, which lets anyone pay with a test card, is used only when chosen explicitly (CUSTODIAN_PAYMENT_PROCESSOR=test)');
  }
  return {
    http: {
      port: e.CUSTODIAN_PORT,
      host: e.CUSTODIAN_HOST,
      publicUrl,
      secureCookies: e.CUSTODIAN_SECURE_COOKIES ?? publicUrl.startsWith('https://'),
    },
    dataDir,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', directory: path.join(dataDir, 'pgdata') },
    masterKey: e.CUSTODIAN_MASTER_KEY ? Buffer.from(e.CUSTODIAN_MASTER_KEY, 'base64') : undefined,
    owner: e.CUSTODIAN_OWNER_EMAIL && e.CUSTODIAN_OWNER_PASSWORD ? { email: e.CUSTODIAN_OWNER_EMAIL, password: e.CUSTODIAN_OWNER_PASSWORD } : undefined,
    logLevel: e.CUSTODIAN_LOG_LEVEL,
    minimumAge: { default: e.CUSTODIAN_DEFAULT_MINIMUM_AGE, byCountry: e.CUSTODIAN_MINIMUM_AGE_BY_COUNTRY ?? {} },
    sessions: { ttl: e.CUSTODIAN_SESSION_TTL, idleTtl: e.CUSTODIAN_SESSION_IDLE_TTL },
    signInLock: { after: e.CUSTODIAN_SIGN_IN_LOCK_AFTER, lockFor: e.CUSTODIAN_SIGN_IN_LOCK_FOR },
    retention: {
      signInEvents: e.CUSTODIAN_RETENTION_SIGN_IN_EVENTS,
      sentEmail: e.CUSTODIAN_RETENTION_SENT_EMAIL,
      taxRecords: e.CUSTODIAN_RETENTION_TAX_RECORDS,
      finishedJobs: e.CUSTODIAN_RETENTION_FINISHED_JOBS,
      rateLimitWindows: e.CUSTODIAN_RETENTION_RATE_LIMIT_WINDOWS,
      consentProof: e.CUSTODIAN_RETENTION_CONSENT_PROOF,
      idDocuments: e.CUSTODIAN_RETENTION_ID_DOCUMENTS,
      applicants: e.CUSTODIAN_RETENTION_APPLICANTS,
      licenceChecks: e.CUSTODIAN_RETENTION_LICENCE_CHECKS,
      closedTickets: e.CUSTODIAN_RETENTION_CLOSED_TICKETS,
      abuseIdentifiers: e.CUSTODIAN_RETENTION_ABUSE_IDENTIFIERS,
    },
    billing: { currency: e.CUSTODIAN_CURRENCY, vatRatePercent: e.CUSTODIAN_VAT_RATE, paymentProcessor: e.CUSTODIAN_PAYMENT_PROCESSOR ?? 'test' },
    smtp: e.SMTP_HOST
      ? { host: e.SMTP_HOST, port: e.SMTP_PORT, secure: e.SMTP_SECURE, user: e.SMTP_USER, password: e.SMTP_PASSWORD }
      : undefined,
    mailFrom: e.SMTP_FROM,
    cookieChoiceTtl: e.CUSTODIAN_COOKIE_CHOICE_TTL,
  };
}
