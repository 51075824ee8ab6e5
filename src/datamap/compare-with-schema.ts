import type { TableDeclaration } from './datamap.types.js';

export interface DataMapMismatch {
  readonly table: string;
  readonly column?: string;
  readonly problem: 'table not declared' | 'column not declared' | 'declared table missing' | 'declared column missing';
}

/** Everything the live schema and the declarations disagree on; empty means the map is complete. */
export function compareWithSchema(declarations: readonly TableDeclaration[], live: Map<string, Set<string>>): DataMapMismatch[] {
  const mismatches: DataMapMismatch[] = [];
  const declared = new Map(declarations.map((d) => [d.table, d]));
  for (const [table, columns] of live) {
    const declaration = declared.get(table);
    if (!declaration) {
      mismatches.push({ table, problem: 'table not declared' });
      continue;
    }
    for (const column of columns) {
      if (!(column in declaration.columns)) mismatches.push({ table, column, problem: 'column not declared' });
    }
    for (const column of Object.keys(declaration.columns)) {
      if (!columns.has(column)) mismatches.push({ table, column, problem: 'declared column missing' });
    }
  }
  for (const table of declared.keys()) {
    if (!live.has(table)) mismatches.push({ table, problem: 'declared table missing' });
  }
  return mismatches;
}
