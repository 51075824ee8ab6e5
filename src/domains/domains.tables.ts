import type { TableDeclaration } from '../datamap/datamap.types.js';

/** The Kysely tables of domains; merged into Database. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DomainsDatabase {}

/** Data-map declarations of domains's tables. */
export const domainsTables: readonly TableDeclaration[] = [];
