import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { ActorType } from '../audit/audit.tables.js';
import type { Purpose } from '../datamap/vocabulary.js';

export interface Actor {
  readonly type: ActorType;
  /** Account, staff member or API client id; null for system and anonymous. */
  readonly id: string | null;
  /** The account a trusted user acts for. */
  readonly onBehalfOf?: string | null;
}

/** Who does what, why, from where; the transaction the change and its audit event share. */
export interface RequestContext {
  readonly actor: Actor;
  readonly purpose: Purpose;
  readonly ip: string | null;
  readonly requestId: string | null;
  readonly trx: Transaction<Database>;
}

export type ContextWithoutTransaction = Omit<RequestContext, 'trx'>;

/** Runs a mutation in one transaction: every write and its audit event commit or roll back together. */
export async function inTransaction<T>(db: Kysely<Database>, context: ContextWithoutTransaction, work: (ctx: RequestContext) => Promise<T>): Promise<T> {
  return db.transaction().execute((trx) => work({ ...context, trx }));
}

export const systemActor: Actor = { type: 'system', id: null };
export const anonymousActor: Actor = { type: 'anonymous', id: null };

export function systemContext(purpose: Purpose, requestId: string | null = null): ContextWithoutTransaction {
  return { actor: systemActor, purpose, ip: null, requestId };
}
