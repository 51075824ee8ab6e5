import type { TableDeclaration } from '../datamap/datamap.types.js';

/** The Kysely tables of community; merged into Database. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CommunityDatabase {}

/** Data-map declarations of community's tables. */
export const communityTables: readonly TableDeclaration[] = [];
