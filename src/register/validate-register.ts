import { dataMap } from '../datamap/datamap.registry.js';
import type { TableDeclaration } from '../datamap/datamap.types.js';
import { AppError, type FieldError } from '../errors/app-error.js';
import { toFieldErrors } from '../http/route.js';
import { registerSchema, type Register } from './register.schema.js';

/** Tables that hold personal data: only these must be covered by the register. */
export function personalTables(declarations: readonly TableDeclaration[]): TableDeclaration[] {
  return declarations.filter((d) => Object.values(d.columns).some((c) => c.category !== null));
}

/**
 * What the register must agree on with the data map: every purpose a personal-data table (or
 * column) serves is declared; processing the map bases on consent is declared as consent-based;
 * direct marketing is consent-based (promise B17).
 */
export function crossValidate(register: Register, declarations: readonly TableDeclaration[]): FieldError[] {
  const errors: FieldError[] = [];
  const declared = (iri: string) => register.purposes.filter((p) => p.purpose === iri);
  const reported = new Set<string>();
  for (const table of personalTables(declarations)) {
    const used = new Set<string>(table.purposes);
    for (const column of Object.values(table.columns)) if (column.category !== null) for (const p of column.purposes ?? []) used.add(p);
    for (const iri of used) {
      if (declared(iri).length === 0 && !reported.has(iri)) {
        reported.add(iri);
        errors.push({ field: 'purposes', message: `The data map's table "${table.table}" processes personal data for ${iri}, but no purpose in the register declares ${iri}` });
      }
      if (table.legalBasis === 'eu-gdpr:A6-1-a' && declared(iri).length > 0 && !declared(iri).some((p) => p.legalBasis === 'eu-gdpr:A6-1-a')) {
        errors.push({ field: 'purposes', message: `The data map's table "${table.table}" relies on consent for ${iri}: declare that purpose with legal basis eu-gdpr:A6-1-a` });
      }
    }
  }
  register.purposes.forEach((p, index) => {
    if (p.purpose === 'dpv:DirectMarketing' && p.legalBasis !== 'eu-gdpr:A6-1-a') {
      errors.push({ field: `purposes.${index}.legalBasis`, message: `Purpose "${p.id}" is direct marketing, which needs consent: use eu-gdpr:A6-1-a` });
    }
  });
  return errors;
}

export type RegisterValidation = { ok: true; register: Register } | { ok: false; errors: FieldError[] };

/** Shape first, then agreement with the data map; every problem with its path. */
export function validateRegister(input: unknown, declarations: readonly TableDeclaration[] = dataMap): RegisterValidation {
  const parsed = registerSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: toFieldErrors(parsed.error) };
  const errors = crossValidate(parsed.data, declarations);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, register: parsed.data };
}

export function validRegisterOrThrow(input: unknown, declarations: readonly TableDeclaration[] = dataMap): Register {
  const result = validateRegister(input, declarations);
  if (!result.ok) throw new AppError('VALIDATION_FAILED', `The register is not valid: ${result.errors.length} problem(s)`, { fieldErrors: result.errors });
  return result.register;
}
