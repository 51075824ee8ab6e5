import type { TableDeclaration } from '../datamap/datamap.types.js';

/** The Kysely tables of billing; merged into Database. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface BillingDatabase {}

/** Data-map declarations of billing's tables. */
export const billingTables: readonly TableDeclaration[] = [];
