import type { Config } from '../config/load-config.js';
import type { PersonalColumn, TableDeclaration } from '../datamap/datamap.types.js';
import type { LegalBasis, PersonalDataCategory, Purpose } from '../datamap/vocabulary.js';
import { resolvePeriod } from '../retention/retention-plan.js';
import { personalTables } from './validate-register.js';

/** One line of "how long": a category of data in one table, for that table's purposes. */
export interface RetentionLine {
  readonly category: PersonalDataCategory;
  readonly table: string;
  readonly tableDescription: string;
  readonly purposes: readonly Purpose[];
  readonly retention: string;
  /** Present where erasure keeps the data: why, on which basis, for how long (ISO-8601). */
  readonly keep?: { readonly legalBasis: LegalBasis; readonly reason: string; readonly period: string };
}

function personalColumns(table: TableDeclaration): PersonalColumn[] {
  return Object.values(table.columns).filter((c): c is PersonalColumn => c.category !== null);
}

/** Categories of personal data the data map holds for a purpose (column purposes narrow the table's). */
export function categoriesForPurpose(purpose: Purpose, declarations: readonly TableDeclaration[]): PersonalDataCategory[] {
  const found = new Set<PersonalDataCategory>();
  for (const table of personalTables(declarations)) {
    for (const column of personalColumns(table)) if ((column.purposes ?? table.purposes).includes(purpose)) found.add(column.category);
  }
  return [...found].sort();
}

/** Every category of personal data in the data map. */
export function allCategories(declarations: readonly TableDeclaration[]): PersonalDataCategory[] {
  return [...new Set(personalTables(declarations).flatMap((t) => personalColumns(t).map((c) => c.category)))].sort();
}

/** Retention per category and table purpose, derived from the data map (Art 13(2)(a), 30(1)(f)). */
export function retentionLines(declarations: readonly TableDeclaration[], retention: Config['retention']): RetentionLine[] {
  const lines = new Map<string, RetentionLine>();
  for (const table of personalTables(declarations)) {
    for (const column of personalColumns(table)) {
      const keep = column.erasure.action === 'keep'
        ? { legalBasis: column.erasure.legalBasis, reason: column.erasure.reason, period: resolvePeriod(column.erasure.period, retention) }
        : undefined;
      const key = `${column.category}|${table.table}|${keep ? keep.reason : ''}`;
      if (lines.has(key)) continue;
      lines.set(key, {
        category: column.category,
        table: table.table,
        tableDescription: table.description,
        purposes: column.purposes ?? table.purposes,
        retention: table.retention.description,
        ...(keep ? { keep } : {}),
      });
    }
  }
  return [...lines.values()].sort((a, b) => a.category.localeCompare(b.category) || a.table.localeCompare(b.table));
}

/** "pd:EmailAddress" -> "Email address": a readable label for a DPV term. */
export function termLabel(iri: string): string {
  const local = iri.slice(iri.indexOf(':') + 1).replace(/([a-z])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  return local.split(' ').map((word, index) => (word.length > 1 && word === word.toUpperCase()) || index === 0 ? word : word.toLowerCase()).join(' ');
}
