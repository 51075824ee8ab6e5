import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import type { Keyring } from '../crypto/keyring.js';
import type { Database } from '../db/database.types.js';
import type { PaymentAdapter } from '../billing/payment.adapter.js';
import type { RegistrarAdapter } from '../domains/registrar.adapter.js';
import type { ProvisioningAdapter } from '../services/provisioning.adapter.js';

/** The provider's external systems, each behind an interface with a built-in local implementation. */
export interface Adapters {
  readonly provisioning: ProvisioningAdapter;
  readonly registrar: RegistrarAdapter;
  readonly payments: PaymentAdapter;
}

/** What every capability may use; built once at start by app.ts. */
export interface AppDeps {
  readonly config: Config;
  readonly db: Kysely<Database>;
  readonly dbKind: 'pglite' | 'postgres';
  readonly keyring: Keyring;
  readonly logger: Logger;
  /** abuseIdentifiers keys the hashes that stop a suspended person from signing up again. */
  readonly keys: { readonly csrf: Buffer; readonly rateLimit: Buffer; readonly tokens: Buffer; readonly abuseIdentifiers: Buffer };
  readonly now: () => Date;
  readonly adapters: Adapters;
}
