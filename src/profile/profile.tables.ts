import type { TableDeclaration } from '../datamap/datamap.types.js';

/** The Kysely tables of profile; merged into Database. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ProfileDatabase {}

/** Data-map declarations of profile's tables. */
export const profileTables: readonly TableDeclaration[] = [];
