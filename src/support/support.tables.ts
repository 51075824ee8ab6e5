import type { TableDeclaration } from '../datamap/datamap.types.js';

/** The Kysely tables of support; merged into Database. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SupportDatabase {}

/** Data-map declarations of support's tables. */
export const supportTables: readonly TableDeclaration[] = [];
