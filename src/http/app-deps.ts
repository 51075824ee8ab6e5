import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import type { Keyring } from '../crypto/keyring.js';
import type { Database } from '../db/database.types.js';

/** What every capability may use; built once at start by app.ts. */
export interface AppDeps {
  readonly config: Config;
  readonly db: Kysely<Database>;
  readonly dbKind: 'pglite' | 'postgres';
  readonly keyring: Keyring;
  readonly logger: Logger;
  readonly keys: { readonly csrf: Buffer; readonly rateLimit: Buffer; readonly tokens: Buffer };
  readonly now: () => Date;
}
