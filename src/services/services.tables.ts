import type { TableDeclaration } from '../datamap/datamap.types.js';

/** The Kysely tables of services; merged into Database. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ServicesDatabase {}

/** Data-map declarations of services's tables. */
export const servicesTables: readonly TableDeclaration[] = [];
