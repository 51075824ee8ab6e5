import { z } from 'zod';

/** ISO-8601 duration subset (days, hours, minutes) used for every configurable period. */
export const isoDuration = z
  .string()
  .regex(/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/, 'must be an ISO-8601 duration such as P30D or PT15M');

const port = z.coerce.number().int().min(1).max(65535);
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Minimum age by ISO country code, e.g. "DE:16,FR:15,US:13". */
const minimumAgeByCountry = z
  .string()
  .regex(/^([A-Z]{2}:\d{1,2})(,[A-Z]{2}:\d{1,2})*$/, 'must look like DE:16,FR:15')
  .transform((v) => Object.fromEntries(v.split(',').map((pair) => {
    const [country, age] = pair.split(':');
    return [country, Number(age)];
  })) as Record<string, number>);

/** Every environment variable Custodian reads; nothing else reads process.env. */
export const environmentSchema = z.object({
  CUSTODIAN_PORT: port.default(8080),
  CUSTODIAN_HOST: z.string().min(1).default('127.0.0.1'),
  CUSTODIAN_DATA_DIR: z.string().min(1).default('./data'),
  CUSTODIAN_PUBLIC_URL: z.url({ message: 'must be an absolute URL such as https://account.example.com' }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  CUSTODIAN_MASTER_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 random bytes in base64 (openssl rand -base64 32)')
    .optional(),
  CUSTODIAN_OWNER_EMAIL: z.email({ message: 'must be an email address' }).optional(),
  CUSTODIAN_OWNER_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  CUSTODIAN_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CUSTODIAN_DEFAULT_MINIMUM_AGE: z.coerce.number().int().min(13).max(21).default(16),
  CUSTODIAN_MINIMUM_AGE_BY_COUNTRY: minimumAgeByCountry.optional(),
  CUSTODIAN_SESSION_TTL: isoDuration.default('P14D'),
  CUSTODIAN_SESSION_IDLE_TTL: isoDuration.default('PT12H'),
  CUSTODIAN_SIGN_IN_LOCK_AFTER: z.coerce.number().int().min(3).max(100).default(10),
  CUSTODIAN_SIGN_IN_LOCK_FOR: isoDuration.default('PT15M'),
  CUSTODIAN_RETENTION_SIGN_IN_EVENTS: isoDuration.default('P90D'),
  CUSTODIAN_RETENTION_SENT_EMAIL: isoDuration.default('P30D'),
  CUSTODIAN_RETENTION_TAX_RECORDS: isoDuration.default('P10Y'),
  CUSTODIAN_RETENTION_FINISHED_JOBS: isoDuration.default('P7D'),
  CUSTODIAN_RETENTION_RATE_LIMIT_WINDOWS: isoDuration.default('P1D'),
  CUSTODIAN_RETENTION_CONSENT_PROOF: isoDuration.default('P3Y'),
  CUSTODIAN_RETENTION_ID_DOCUMENTS: isoDuration.default('P30D'),
  CUSTODIAN_RETENTION_APPLICANTS: isoDuration.default('P1Y'),
  CUSTODIAN_RETENTION_LICENCE_CHECKS: isoDuration.default('P90D'),
  CUSTODIAN_RETENTION_CLOSED_TICKETS: isoDuration.default('P3Y'),
  CUSTODIAN_RETENTION_ABUSE_IDENTIFIERS: isoDuration.default('P2Y'),
  /**
   * Which payment processor adapter takes payments. Only the built-in test processor ships; it
   * lets anyone mark an invoice paid with a test card, so it must be chosen explicitly on an
   * https:// instance.
   */
  CUSTODIAN_PAYMENT_PROCESSOR: z.enum(['test']).optional(),
  /** ISO 4217 code of the provider's invoices. */
  CUSTODIAN_CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR').default('EUR'),
  /** Standard VAT rate in percent applied to invoice lines (0–50). */
  CUSTODIAN_VAT_RATE: z.coerce.number().min(0).max(50).default(19),
  CUSTODIAN_SECURE_COOKIES: bool.optional(),
  /** How long a cookie banner choice is kept before asking again (CNIL: about 6 months). */
  CUSTODIAN_COOKIE_CHOICE_TTL: isoDuration.default('P6M'),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: port.default(587),
  SMTP_SECURE: bool.default(false),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  SMTP_FROM: z.string().min(3).default('Custodian <no-reply@localhost>'),
});

export type Environment = z.infer<typeof environmentSchema>;
