import type { ColumnDeclaration, PersonalColumn, TableDeclaration } from './datamap.types.js';

/**
 * Declares a table's personal data. `Row` is the Kysely row type of the table, so a column added
 * to the type without a declaration (or a declaration of a column the type lacks) fails to compile;
 * datamap.test.ts checks the same against the live database.
 */
export function defineTable<Row>(declaration: TableDeclaration<Extract<keyof Row, string>>): TableDeclaration<Extract<keyof Row, string>> {
  const personal = Object.values<ColumnDeclaration>(declaration.columns).some((c) => c.category !== null);
  if (personal && declaration.legalBasis === null) {
    throw new Error(`Data map: table ${declaration.table} holds personal data but names no legal basis`);
  }
  if (declaration.legalBasis === 'eu-gdpr:A6-1-f' && !declaration.legitimateInterest) {
    throw new Error(`Data map: table ${declaration.table} relies on legitimate interest without naming it`);
  }
  return declaration;
}

export const notPersonal = (note?: string): ColumnDeclaration => ({ category: null, ...(note ? { note } : {}) });

export function personal(category: PersonalColumn['category'], erasure: PersonalColumn['erasure'], extra: Omit<PersonalColumn, 'category' | 'erasure'> = {}): PersonalColumn {
  return { category, erasure, ...extra };
}

export const deleteOnErasure = { action: 'delete' } as const;
