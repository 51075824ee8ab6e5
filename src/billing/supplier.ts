import type { Kysely } from 'kysely';
import type { Database } from '../db/database.types.js';
import { currentRegister } from '../register/current-register.js';

/** Who issues the invoices: the controller named in the processing register. */
export interface Supplier {
  readonly legalName: string;
  readonly address: string;
}

export async function readSupplier(db: Kysely<Database>): Promise<Supplier> {
  const { controller } = (await currentRegister(db)).register;
  return { legalName: controller.legalName, address: controller.address };
}
