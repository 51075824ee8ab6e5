import type { TableDeclaration } from '../datamap/datamap.types.js';

/** The Kysely tables of careers; merged into Database. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CareersDatabase {}

/** Data-map declarations of careers's tables. */
export const careersTables: readonly TableDeclaration[] = [];
