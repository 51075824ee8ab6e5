import type { TableDeclaration } from '../datamap/datamap.types.js';

/** The Kysely tables of customer-records; merged into Database. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CustomerRecordsDatabase {}

/** Data-map declarations of customer-records's tables. */
export const customerRecordsTables: readonly TableDeclaration[] = [];
