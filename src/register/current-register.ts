import type { Kysely } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { Register } from './register.schema.js';
import { readStoredRegister } from './register.store.js';
import { defaultRegister } from './register-yaml.js';
import { validateRegister } from './validate-register.js';

export interface CurrentRegister {
  readonly register: Register;
  /** 'default' until a provider stores its own. */
  readonly origin: 'stored' | 'default';
  readonly updatedAt: Date | null;
}

/**
 * The register in force: the stored one, else the shipped default. A stored register was valid
 * when saved; if the data map has since grown a purpose it lacks, it is still served (the notice
 * must not vanish) and the gap shows when it is next saved.
 */
export async function currentRegister(db: Kysely<Database>): Promise<CurrentRegister> {
  const stored = await readStoredRegister(db);
  if (!stored) return { register: defaultRegister(), origin: 'default', updatedAt: null };
  const checked = validateRegister(stored.document);
  const register = checked.ok ? checked.register : (stored.document as Register);
  return { register, origin: 'stored', updatedAt: stored.updatedAt };
}
